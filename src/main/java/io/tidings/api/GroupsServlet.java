package io.tidings.api;

import io.tidings.config.ApiLimits;
import io.tidings.hub.GroupDirectory;
import io.tidings.hub.Groups;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Groups (rooms) under /api/groups/{g}: GET lists the members, POST .../join and .../leave with {"uid":U}
 * change them. Membership is by uid, so it outlives the uid's sessions; see {@link Groups} for the limits.
 */
final class GroupsServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    private final transient GroupDirectory groups;
    private final transient ApiLimits limits;

    GroupsServlet(ApiServlet.Common common, GroupDirectory groups, ApiLimits limits) {
        super(common);
        this.groups = groups;
        this.limits = limits;
    }

    @Override
    Object handle(HttpServletRequest request) throws ApiException, IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
        if (parts.length == 1) {
            expect(request, "GET");
            String group = JsonFields.groupName(parts[0]);
            return groups.members(group).thenApply(members -> new Replies.Members(group, members));
        }
        if (parts.length == 2 && (parts[1].equals("join") || parts[1].equals("leave"))) {
            expect(request, "POST");
            String group = JsonFields.groupName(parts[0]);
            JsonObject body = body(request);
            JsonFields.allowOnly(body, Set.of("uid"));
            String uid = JsonFields.uid(body, "uid");
            return parts[1].equals("join") ? join(group, uid) : leave(group, uid);
        }
        throw new ApiException(404, "no such endpoint: use GET /api/groups/{group} or POST /api/groups/{group}/join"
                + " or /leave");
    }

    private CompletableFuture<Answer> join(String group, String uid) {
        return groups.join(group, uid).thenApply(join -> switch (join) {
            case JOINED -> ok(new Replies.Membership(group, uid, true, true));
            case ALREADY_MEMBER -> ok(new Replies.Membership(group, uid, true, false));
            case TOO_MANY_GROUPS -> limit("too many groups", "TIDINGS_MAX_GROUPS", limits.maxGroups());
            case GROUP_FULL -> limit("group is full", "TIDINGS_MAX_GROUP_MEMBERS", limits.maxGroupMembers());
            case TOO_MANY_MEMBERSHIPS -> limit("too many group memberships", "TIDINGS_MAX_MEMBERSHIPS",
                    limits.maxMemberships());
        });
    }

    private CompletableFuture<Replies.Membership> leave(String group, String uid) {
        return groups.leave(group, uid).thenApply(left -> new Replies.Membership(group, uid, false, left));
    }

    private Answer ok(Replies.Membership membership) {
        return Answer.of(200, membership, jsonb());
    }

    private Answer limit(String what, String setting, int value) {
        return Answer.of(new ApiException(409, what + " (" + setting + "=" + value + ")"), jsonb());
    }
}
