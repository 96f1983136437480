package io.switchboard.adapters.twilio.numbers;

import io.switchboard.contracts.commands.NumberOwner;

import java.util.regex.Pattern;

/**
 * Who a Twilio number serves, written in its FriendlyName so that Twilio itself — not only our database — says
 * whose it is, and every release or re-tag can check it first. At most 64 characters, readable in the console,
 * and deterministic, so "look before you buy" still finds a purchase by its exact FriendlyName:
 * <pre>
 *   sb/org/&lt;org&gt;/&lt;request&gt;      bought for organization &lt;org&gt; (or taken from the pool by it)
 *   sb/trial/&lt;org&gt;/&lt;request&gt;    a trial account's own number, serving organization &lt;org&gt;'s line
 *   sb/pool/&lt;request&gt;           held by the number pool
 *   sb/unassigned/&lt;request&gt;     a trial account's own number, handed back: serves nobody
 *   sb/own/&lt;org&gt;/&lt;request&gt;      a number organization &lt;org&gt; brought from its own account: never released
 * </pre>
 * {@code <org>} is the organization id, {@code <request>} the id of the request that wrote the tag; each is written
 * as is when it is short (≤ 30 and ≤ 24 characters of {@code [A-Za-z0-9._:@+-]}), else as {@code #} and the first
 * 16 hex digits of its SHA-256. Comparing an owner means formatting its id the same way, so a hash is never undone.
 * <p>
 * Two more readings, for numbers this format did not write:
 * <ul>
 *   <li>{@code LEGACY}: {@code sb:<requestId>}, bought before owner tags ({@link LegacyTag}). Switchboard's, owner not
 *       recorded: the orchestrator's records (config, pool) are all that says whose it is, so a release or re-tag by
 *       the owner those records name is accepted, and the re-tag writes the owner. A trial claim never takes it.</li>
 *   <li>{@code FOREIGN}: anything else, e.g. a number bought in the Twilio console. Never released or re-tagged; only
 *       a trial account's number may be claimed from it (it is the account's one number).</li>
 * </ul>
 */
public record OwnerTag(Kind kind, String orgRef, String requestRef, String friendlyName) {
    public static final int MAX_LENGTH = 64;
    static final String PREFIX = "sb/";
    private static final int MAX_RAW_ORG = 30;
    private static final int MAX_RAW_REQUEST = 24;
    private static final Pattern RAW = Pattern.compile("[A-Za-z0-9._:@+-]+");
    private static final Pattern HASHED = Pattern.compile("#[0-9a-f]{16}");

    public enum Kind { ORGANIZATION, TRIAL, POOL, UNASSIGNED, OWN, LEGACY, FOREIGN }

    /** The tag a number bought for {@code owner} (an organization or the pool) carries. */
    public static OwnerTag boughtFor(NumberOwner owner, String requestId) {
        if (owner.kind() == NumberOwner.Kind.UNASSIGNED) {
            throw new IllegalArgumentException("nothing is bought for nobody");
        }
        return heldBy(owner, requestId);
    }

    /** The tag of a number that {@code owner} holds from now on, written by request {@code requestId}. */
    public static OwnerTag heldBy(NumberOwner owner, String requestId) {
        String request = ref(requestId, MAX_RAW_REQUEST);
        return switch (owner.kind()) {
            case ORGANIZATION -> {
                String org = ref(owner.orgId(), MAX_RAW_ORG);
                yield new OwnerTag(Kind.ORGANIZATION, org, request, PREFIX + "org/" + org + "/" + request);
            }
            case POOL -> new OwnerTag(Kind.POOL, null, request, PREFIX + "pool/" + request);
            case UNASSIGNED -> new OwnerTag(Kind.UNASSIGNED, null, request, PREFIX + "unassigned/" + request);
        };
    }

    /** The tag of a trial account's own number while it serves organization {@code orgId}. */
    public static OwnerTag lentTo(String orgId, String requestId) {
        String org = ref(orgId, MAX_RAW_ORG);
        String request = ref(requestId, MAX_RAW_REQUEST);
        return new OwnerTag(Kind.TRIAL, org, request, PREFIX + "trial/" + org + "/" + request);
    }

    /**
     * The tag of a number organization {@code orgId} already owned in its own account and brought to its line
     * (written by request {@code requestId}). Such a number is the organization's: Switchboard never releases, pools
     * or hands it to anyone else, and leaves the tag in place when the line goes, so the organization may bring it
     * again.
     */
    public static OwnerTag broughtBy(String orgId, String requestId) {
        String org = ref(orgId, MAX_RAW_ORG);
        String request = ref(requestId, MAX_RAW_REQUEST);
        return new OwnerTag(Kind.OWN, org, request, PREFIX + "own/" + org + "/" + request);
    }

    /**
     * Reads a FriendlyName.
     *
     * @param legacyPrefix the prefix of tags written before owner tags ({@code sb:}); blank = none expected
     */
    public static OwnerTag parse(String friendlyName, String legacyPrefix) {
        String name = friendlyName == null ? "" : friendlyName;
        if (name.startsWith(PREFIX)) {
            String[] parts = name.split("/", -1);
            if (parts.length == 4 && validRef(parts[2]) && validRef(parts[3])
                    && (parts[1].equals("org") || parts[1].equals("trial") || parts[1].equals("own"))) {
                Kind kind = switch (parts[1]) {
                    case "org" -> Kind.ORGANIZATION;
                    case "trial" -> Kind.TRIAL;
                    default -> Kind.OWN;
                };
                return new OwnerTag(kind, parts[2], parts[3], name);
            }
            if (parts.length == 3 && validRef(parts[2]) && (parts[1].equals("pool") || parts[1].equals("unassigned"))) {
                return new OwnerTag(parts[1].equals("pool") ? Kind.POOL : Kind.UNASSIGNED, null, parts[2], name);
            }
        }
        if (legacyPrefix != null && !legacyPrefix.isBlank() && name.startsWith(legacyPrefix)) {
            return new OwnerTag(Kind.LEGACY, null, null, name);
        }
        return new OwnerTag(Kind.FOREIGN, null, null, name);
    }

    /** Whether the tag names {@code owner} (a trial number serving an organization counts as that organization's). */
    public boolean names(NumberOwner owner) {
        return switch (owner.kind()) {
            case ORGANIZATION -> (kind == Kind.ORGANIZATION || kind == Kind.TRIAL || kind == Kind.OWN)
                    && orgRef.equals(ref(owner.orgId(), MAX_RAW_ORG));
            case POOL -> kind == Kind.POOL;
            case UNASSIGNED -> kind == Kind.UNASSIGNED;
        };
    }

    /**
     * Whether {@code owner} may release the number: it names them and it is neither a trial account's own number nor
     * one an organization brought, or it predates owner tags. Unassigned and foreign numbers are never released.
     */
    public boolean releasableBy(NumberOwner owner) {
        return kind == Kind.LEGACY || (kind != Kind.TRIAL && kind != Kind.UNASSIGNED && kind != Kind.OWN && names(owner));
    }

    /**
     * Whether organization {@code orgId} may bring this number of its own account to its line: no line uses it —
     * Switchboard never tagged it, or it was handed back — or it is one the organization brought before.
     */
    public boolean bringableBy(String orgId) {
        return kind == Kind.FOREIGN || kind == Kind.UNASSIGNED
                || (kind == Kind.OWN && orgRef.equals(ref(orgId, MAX_RAW_ORG)));
    }

    /**
     * Whether a trial account's only number may be claimed for organization {@code orgId}: it serves nobody, was not
     * tagged by Switchboard, or already serves that organization.
     */
    public boolean claimableBy(String orgId) {
        return kind == Kind.UNASSIGNED || kind == Kind.FOREIGN || names(NumberOwner.organization(orgId));
    }

    /** Whom the tag names, as people read it ("organization acme-1"). */
    public String describe() {
        return switch (kind) {
            case ORGANIZATION -> "organization " + orgRef;
            case TRIAL -> "organization " + orgRef + " (the trial account's own number)";
            case POOL -> "the number pool";
            case UNASSIGNED -> "nobody (handed back to the account)";
            case OWN -> "organization " + orgRef + " (a number it brought from its own account)";
            case LEGACY -> "Switchboard, without a recorded owner (tag " + friendlyName + " predates owner tags)";
            case FOREIGN -> "nobody Switchboard knows: not tagged by Switchboard (FriendlyName '" + friendlyName + "')";
        };
    }

    private static boolean validRef(String part) {
        return HASHED.matcher(part).matches() || (RAW.matcher(part).matches() && part.length() <= MAX_RAW_ORG);
    }

    static String ref(String value, int maxRaw) {
        if (value.length() <= maxRaw && RAW.matcher(value).matches()) {
            return value;
        }
        return "#" + LegacyTag.sha256Hex(value).substring(0, 16);
    }
}
