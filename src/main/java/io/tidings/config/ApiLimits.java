package io.tidings.config;

/**
 * Sizes for the backend API and groups, part of {@link TidingsConfig}. Groups live in memory, so their three
 * limits together bound what a runaway backend can make the server hold.
 *
 * @param maxBody         TIDINGS_API_MAX_BODY, bytes, default 1048576 (1 MiB): largest backend API request
 *                        body (larger: 413) and longest text push port line.
 * @param maxGroups       TIDINGS_MAX_GROUPS, default 10000: groups with at least one member; a join that would
 *                        create one more is refused 409.
 * @param maxGroupMembers TIDINGS_MAX_GROUP_MEMBERS, default 100000: members of one group.
 * @param maxMemberships  TIDINGS_MAX_MEMBERSHIPS, default 1000000: (group, uid) pairs in total, about 100 bytes
 *                        of memory each.
 */
public record ApiLimits(
        int maxBody,
        int maxGroups,
        int maxGroupMembers,
        int maxMemberships) {
}
