/**
 * Settings: the immutable {@link io.tidings.config.TidingsConfig} record and the
 * {@link io.tidings.config.ConfigLoader} that reads it once from context parameters, system properties and the
 * environment, stopping startup with every invalid setting named.
 */
package io.tidings.config;
