/**
 * Chat rooms speaking workerman-chat's protocol (seed 000: login, say, logout, client_list, ping/pong) and seed
 * 002's private and group messages, on the /chat endpoint, authenticated like every session: the
 * {@link io.tidings.chat.ChatEvents} handlers (dispatched by "type"), the seating of sessions in rooms, which
 * are Tidings groups, and the frames, written as workerman-chat's Events.php writes them.
 */
package io.tidings.chat;
