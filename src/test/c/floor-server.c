/*
 * The kernel's floor under the bench's figures (src/site/markdown/performance.md): the same single-threaded loop as
 * FloorServer.java, in C, so that what remains is what the system calls cost. It does only what the bench's
 * traffic needs: one read per request or frame, one write per delivery and per answer. It trusts its input,
 * does not compute Sec-WebSocket-Accept (the bench does not check it), takes requests and frames of at most
 * 16 KiB, and expects every write to be taken whole: one that is not (a full socket buffer) stops it with an
 * error rather than let a run lose a message. Sessions are found by the number at the end of the bench's uids,
 * so one run may hold at most 65 536 of them. Not a server.
 *
 *   scripts/bench floor-server --c [port]    (builds it with cc into target/)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_FD 65536
#define MAX_FRAME 65536

typedef struct {
    int web_socket;
    int uid;
    int length;
    char in[16384];
} peer;

static peer *peers[MAX_FD];
static int fd_of_uid[MAX_FD]; /* bench uids are "<run>-<index>": by the number after the last '-'; 0: none */
static int web_sockets[MAX_FD];
static int web_socket_count;
static const char OK[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
static const char SWITCHING[] = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                "Connection: Upgrade\r\nSec-WebSocket-Accept: unchecked\r\n\r\n";

static int uid_index(const char *uid) {
    const char *dash = NULL;
    for (const char *c = uid; *c && *c != '"' && *c != '&' && *c != ' '; c++) {
        if (*c == '-') dash = c;
    }
    return dash ? atoi(dash + 1) % MAX_FD : -1;
}

/* A floor that dropped part of a write would report a cheaper run than the work: stop instead. */
static void write_whole(int fd, const char *bytes, int length) {
    if (fd <= 0) return;
    ssize_t written = write(fd, bytes, length);
    if (written == length || (written < 0 && (errno == EPIPE || errno == ECONNRESET))) return;
    fprintf(stderr, "floor server: a write of %d bytes took %zd (%s); stopping, the run is void\n", length,
            written, written < 0 ? strerror(errno) : "partial");
    exit(2);
}

static int to_fd(int uid) {
    return uid >= 0 ? fd_of_uid[uid] : 0;
}

static void send_text(int fd, const char *payload, int length) {
    static char frame[MAX_FRAME + 4];
    int header = length < 126 ? 2 : 4;
    frame[0] = (char) 0x81;
    if (header == 2) {
        frame[1] = (char) length;
    } else {
        frame[1] = 126;
        frame[2] = (char) (length >> 8);
        frame[3] = (char) length;
    }
    memcpy(frame + header, payload, length);
    write_whole(fd, frame, header + length);
}

static void end(int epoll, int fd) {
    epoll_ctl(epoll, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    for (int i = 0; peers[fd]->web_socket && i < web_socket_count; i++) {
        if (web_sockets[i] == fd) {
            web_sockets[i] = web_sockets[--web_socket_count];
            break;
        }
    }
    if (peers[fd]->uid >= 0 && fd_of_uid[peers[fd]->uid] == fd) fd_of_uid[peers[fd]->uid] = 0;
    free(peers[fd]);
    peers[fd] = NULL;
}

static void consume(peer *p, int used) {
    memmove(p->in, p->in + used, p->length - used);
    p->length -= used;
}

/* One whole HTTP request: an upgrade, or a push to one uid or to all. 0 when it has not all arrived. */
static int request(int fd, peer *p) {
    p->in[p->length] = 0;
    char *head_end = strstr(p->in, "\r\n\r\n");
    if (!head_end) return 0;
    int head = head_end + 4 - p->in;
    char *length_header = strcasestr(p->in, "content-length:");
    int body_length = length_header && length_header < head_end ? atoi(length_header + 15) : 0;
    if (p->length < head + body_length) return 0;
    if (strncmp(p->in, "GET", 3) == 0) {
        char *uid = strstr(p->in, "uid=");
        int index = uid && uid < head_end ? uid_index(uid + 4) : -1;
        write_whole(fd, SWITCHING, sizeof SWITCHING - 1);
        p->web_socket = 1;
        p->uid = index;
        if (index >= 0) fd_of_uid[index] = fd;
        web_sockets[web_socket_count++] = fd;
    } else {
        char *body = p->in + head;
        char after = body[body_length];
        body[body_length] = 0;
        if (strstr(body, "\"all\":true")) {
            for (int i = 0; i < web_socket_count; i++) send_text(web_sockets[i], body, body_length);
        } else {
            char *uid = strstr(body, "\"uid\":\"");
            if (uid) send_text(to_fd(uid_index(uid + 7)), body, body_length);
        }
        body[body_length] = after;
        write_whole(fd, OK, sizeof OK - 1);
    }
    consume(p, head + body_length);
    return 1;
}

/* One whole client frame; a text frame with "toUid" goes to that uid. 0: not all here; -1: closed. */
static int frame(int epoll, int fd, peer *p) {
    unsigned char *in = (unsigned char *) p->in;
    if (p->length < 6) return 0;
    int opcode = in[0] & 0x0f, length = in[1] & 0x7f, header = 6;
    if (length == 126) {
        length = (in[2] << 8) | in[3];
        header = 8;
    }
    if (length == 127 || header + length > (int) sizeof p->in - 1) { /* larger than the buffer can hold */
        end(epoll, fd);
        return -1;
    }
    if (p->length < header + length) return 0;
    static char payload[MAX_FRAME];
    unsigned char *mask = in + header - 4;
    for (int i = 0; i < length; i++) payload[i] = (char) (in[header + i] ^ mask[i & 3]);
    payload[length] = 0;
    if (opcode == 0x8) {
        end(epoll, fd);
        return -1;
    }
    char *to = opcode == 0x1 ? strstr(payload, "\"toUid\":\"") : NULL;
    if (to) send_text(to_fd(uid_index(to + 9)), payload, length);
    consume(p, header + length);
    return 1;
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 0, one = 1;
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (bind(listener, (struct sockaddr *) &address, size) || listen(listener, 8192)
            || getsockname(listener, (struct sockaddr *) &address, &size)) {
        perror("floor server");
        return 1;
    }
    int epoll = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    printf("floor server listening on port %d, pid %d\n", ntohs(address.sin_port), getpid());
    fflush(stdout);
    struct epoll_event ready[256];
    for (;;) {
        int count = epoll_wait(epoll, ready, 256, -1);
        for (int i = 0; i < count; i++) {
            int fd = ready[i].data.fd;
            if (fd == listener) {
                for (int accepted; (accepted = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0;) {
                    if (accepted >= MAX_FD) {
                        close(accepted);
                        continue;
                    }
                    setsockopt(accepted, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    peers[accepted] = calloc(1, sizeof(peer));
                    peers[accepted]->uid = -1;
                    struct epoll_event readable = {.events = EPOLLIN, .data.fd = accepted};
                    epoll_ctl(epoll, EPOLL_CTL_ADD, accepted, &readable);
                }
                continue;
            }
            peer *p = peers[fd];
            if (!p) continue;
            int got = read(fd, p->in + p->length, sizeof p->in - 1 - p->length);
            if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (got <= 0) { /* the peer left, or its request outgrew the buffer */
                end(epoll, fd);
                continue;
            }
            p->length += got;
            while ((p->web_socket ? frame(epoll, fd, p) : request(fd, p)) > 0) {
            }
        }
    }
}
