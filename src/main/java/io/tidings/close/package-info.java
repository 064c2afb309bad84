/**
 * Why a connection closes: the {@link io.tidings.close.CloseReason} table (codes, texts, reconnect or final)
 * and the {@link io.tidings.close.CloseException} that carries one to the single place that sends the close
 * frame.
 */
package io.tidings.close;
