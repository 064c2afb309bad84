/**
 * Mobile push's devices and jobs in Redis, for a cluster: every node sees every device (a copy in memory, kept
 * by the registry's change channel) and takes due jobs from one place, each job handed to one node at a time under
 * a lease that lapses if that node dies. Each change is one Lua script on the {@code {push}} unit. Design:
 * src/site/markdown/mobile-push.md, "In a cluster".
 */
package io.tidings.mobile.redis;
