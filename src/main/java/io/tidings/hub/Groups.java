package io.tidings.hub;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Group (room) membership by uid, not by connection: it survives the uid's reconnects and newest-wins
 * replacements, and an offline uid can be a member. A push to a group reaches the members' live sessions.
 * Three limits bound the memory: groups in total, members per group and memberships in total; they are never
 * exceeded, even by concurrent joins (a slot is reserved before it is used).
 */
public final class Groups {
    /** Same characters as a uid: safe in URL paths, logs and JSON without escaping. */
    public static final String NAME_RULE = "1 to 64 characters from A-Z a-z 0-9 _ . : @ -";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,64}");

    /** What a join did. */
    public enum Join {
        JOINED, ALREADY_MEMBER, TOO_MANY_GROUPS, GROUP_FULL, TOO_MANY_MEMBERSHIPS
    }

    private final ConcurrentHashMap<String, Set<String>> members = new ConcurrentHashMap<>();
    private final AtomicLong groupCount = new AtomicLong();
    private final AtomicLong membershipCount = new AtomicLong();
    private final int maxGroups;
    private final int maxMembers;
    private final int maxMemberships;

    public Groups(int maxGroups, int maxMembersPerGroup, int maxMemberships) {
        this.maxGroups = maxGroups;
        this.maxMembers = maxMembersPerGroup;
        this.maxMemberships = maxMemberships;
    }

    /** 1 to 64 characters of letters, digits and {@code _ . : @ -}. */
    public static boolean isValidName(String group) {
        return group != null && NAME.matcher(group).matches();
    }

    /** Adds the uid to the group, creating the group if needed, unless a limit forbids it. */
    public Join join(String group, String uid) {
        Join[] result = {Join.JOINED};
        // Everything inside compute: a concurrent leave that empties and forgets the group cannot lose this join.
        members.compute(group, (name, uids) -> {
            if (uids == null) {
                if (!reserve(groupCount, maxGroups)) {
                    result[0] = Join.TOO_MANY_GROUPS;
                    return null;
                }
                uids = ConcurrentHashMap.newKeySet();
            }
            result[0] = add(uids, uid);
            if (uids.isEmpty()) {
                groupCount.decrementAndGet();
                return null;
            }
            return uids;
        });
        return result[0];
    }

    private Join add(Set<String> uids, String uid) {
        if (uids.contains(uid)) {
            return Join.ALREADY_MEMBER;
        }
        if (uids.size() >= maxMembers) {
            return Join.GROUP_FULL;
        }
        if (!reserve(membershipCount, maxMemberships)) {
            return Join.TOO_MANY_MEMBERSHIPS;
        }
        uids.add(uid);
        return Join.JOINED;
    }

    /** Returns true when the uid was a member; an emptied group is forgotten. */
    public boolean leave(String group, String uid) {
        boolean[] removed = {false};
        members.computeIfPresent(group, (name, uids) -> {
            removed[0] = uids.remove(uid);
            if (removed[0]) {
                membershipCount.decrementAndGet();
            }
            if (uids.isEmpty()) {
                groupCount.decrementAndGet();
                return null;
            }
            return uids;
        });
        return removed[0];
    }

    /** The group's members as they are, unsorted and weakly consistent: for fan-out on every push. */
    public Iterable<String> membersForDelivery(String group) {
        Set<String> uids = members.get(group);
        return uids == null ? List.of() : uids;
    }

    /** Whether the uid is a member of the group. */
    public boolean isMember(String group, String uid) {
        Set<String> uids = members.get(group);
        return uids != null && uids.contains(uid);
    }

    /** The group's members, sorted (empty for an unknown group). */
    public List<String> members(String group) {
        Set<String> uids = members.get(group);
        return uids == null ? List.of() : uids.stream().sorted().toList();
    }

    /** How many members the group has (0 for an unknown group). */
    public int size(String group) {
        Set<String> uids = members.get(group);
        return uids == null ? 0 : uids.size();
    }

    /** Groups with at least one member. */
    public long groupCount() {
        return groupCount.get();
    }

    /** (group, uid) pairs in total. */
    public long membershipCount() {
        return membershipCount.get();
    }

    /** Takes one unit of a limited count, or returns false (and takes nothing) when the limit is reached. */
    private static boolean reserve(AtomicLong count, int limit) {
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            return false;
        }
        return true;
    }
}
