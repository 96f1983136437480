package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.security.Caller;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is looking at a console page, as the console filter found it, and what they may see: the API's rules, page by
 * page. An ops token sees and does everything; an organization token sees its own organization's sagas and line
 * (another organization's saga is "not found", like one that does not exist) and none of the ops-only pages.
 */
public record Viewer(Caller caller) {

    static Viewer of(HttpServletRequest request) {
        Object caller = request.getAttribute(ConsoleFilter.CALLER);
        if (!(caller instanceof Caller known)) {
            throw new IllegalStateException("console page reached without the console filter");
        }
        return new Viewer(known);
    }

    public boolean ops() {
        return caller instanceof Caller.Ops;
    }

    /** The organization an organization token is limited to; null for ops. */
    public String orgId() {
        return caller instanceof Caller.Organization org ? org.orgId() : null;
    }

    public boolean maySee(String orgId) {
        return ops() || orgId != null && orgId.equals(orgId());
    }

    void requireOps(String what) {
        if (!ops()) {
            throw new ConsoleRefusal(403, "Needs an ops token", what + " needs an ops token; this session's "
                    + "organization token shows its own organization's sagas and line.");
        }
    }

    /** Not visible is not found: nothing tells an organization that another one's saga exists. */
    void requireVisible(String orgId, String what) {
        if (!maySee(orgId)) {
            throw ConsoleRefusal.notFound(what);
        }
    }
}
