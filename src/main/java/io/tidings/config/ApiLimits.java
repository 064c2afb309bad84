package io.tidings.config;

/**
 * Sizes for the backend API and groups, part of {@link TidingsConfig}. Groups live in memory, so their three
 * limits together bound what a runaway backend can make the server hold.
 *
 * @param maxBody         TIDINGS_API_MAX_BODY, bytes: largest backend API request body (larger: 413) and longest
 *                        text push port line.
 * @param maxGroups       TIDINGS_MAX_GROUPS: groups with at least one member; a join that would create one more
 *                        is refused 409.
 * @param maxGroupMembers TIDINGS_MAX_GROUP_MEMBERS: members of one group.
 * @param maxMemberships  TIDINGS_MAX_MEMBERSHIPS: (group, uid) pairs in total, about 100 bytes of memory each.
 */
public record ApiLimits(
        int maxBody,
        int maxGroups,
        int maxGroupMembers,
        int maxMemberships) {
}
