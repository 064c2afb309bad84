package io.tidings.hub;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group (room) membership by uid, not by connection: it survives the uid's reconnects and newest-wins
 * replacements, and an offline uid can be a member. A push to a group reaches the members' live sessions.
 */
public final class Groups {
    private final ConcurrentHashMap<String, Set<String>> members = new ConcurrentHashMap<>();

    /** Returns true when the uid was not yet a member. */
    public boolean join(String group, String uid) {
        return members.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(uid);
    }

    /** Returns true when the uid was a member; an emptied group is forgotten. */
    public boolean leave(String group, String uid) {
        boolean[] removed = {false};
        members.computeIfPresent(group, (g, uids) -> {
            removed[0] = uids.remove(uid);
            return uids.isEmpty() ? null : uids;
        });
        return removed[0];
    }

    /** The group's members, sorted (empty for an unknown group). */
    public List<String> members(String group) {
        Set<String> uids = members.get(group);
        return uids == null ? List.of() : uids.stream().sorted().toList();
    }
}
