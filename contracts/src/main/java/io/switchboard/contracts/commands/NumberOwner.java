package io.switchboard.contracts.commands;

/**
 * Who a Twilio number serves, as the Twilio worker records it in the number's owner tag (its FriendlyName): one
 * organization, the number pool, or nobody (a trial account's own number handed back after its line went).
 *
 * @param orgId the organization, for {@link Kind#ORGANIZATION} only
 */
public record NumberOwner(Kind kind, String orgId) {

    public enum Kind {
        /** Serves one organization's line. */
        ORGANIZATION,
        /** Held by the platform's number pool, waiting for the next organization. */
        POOL,
        /** Serves nobody: a trial account's only number after the organization using it let it go. */
        UNASSIGNED
    }

    public NumberOwner {
        if (kind == null) {
            throw new IllegalArgumentException("a number owner needs a kind");
        }
        if (kind == Kind.ORGANIZATION && (orgId == null || orgId.isBlank())) {
            throw new IllegalArgumentException("an organization owner needs its orgId");
        }
        if (kind != Kind.ORGANIZATION && orgId != null) {
            throw new IllegalArgumentException(kind + " is not an organization: no orgId");
        }
    }

    public static NumberOwner organization(String orgId) {
        return new NumberOwner(Kind.ORGANIZATION, orgId);
    }

    public static NumberOwner pool() {
        return new NumberOwner(Kind.POOL, null);
    }

    public static NumberOwner unassigned() {
        return new NumberOwner(Kind.UNASSIGNED, null);
    }

    /** As people read it in a reply or log line. */
    public String describe() {
        return switch (kind) {
            case ORGANIZATION -> "organization " + orgId;
            case POOL -> "the number pool";
            case UNASSIGNED -> "nobody (unassigned)";
        };
    }
}
