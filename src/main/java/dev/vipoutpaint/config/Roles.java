package dev.vipoutpaint.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Parses {@code vip.roles}. */
public final class Roles {

    public static final String KEY = "vip.roles";

    private Roles() {
    }

    /**
     * Parses {@code all}, {@code none} or a comma-separated list of role names.
     *
     * @throws IllegalArgumentException naming the bad entry and the allowed values
     */
    public static Set<Role> parse(String value) {
        String trimmed = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("all")) {
            return EnumSet.allOf(Role.class);
        }
        if (trimmed.equals("none")) {
            return EnumSet.noneOf(Role.class);
        }

        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String entry : trimmed.split(",")) {
            String name = entry.trim();
            try {
                roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        KEY + " must be all, none or a list of gateway, captioner, worker; got '"
                                + value + "' with unknown role '" + name + "'");
            }
        }
        return roles;
    }
}
