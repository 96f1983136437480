package io.switchboard.orchestrator.reconcile;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/reconciliation}: what the providers hold against what the database references.
 *
 * @param complete  false when some listing was incomplete (see {@code warnings}): then nothing of that kind is
 *                  called dangling
 * @param counts    findings per verdict, all of them (OWNED included even when not listed)
 * @param problems  orphans + shared + dangling: what ops must look at
 * @param findings  every finding but OWNED and FOREIGN, unless {@code all=true}
 */
public record ReconciliationReport(String source, boolean complete, List<String> warnings,
                                   Map<Reconciler.Verdict, Long> counts, long problems, List<Item> findings) {

    /**
     * @param orgId        for a resource in an organization's own Twilio account: that organization, else null
     * @param credentialId and the credential it was read with
     * @param accountSid   that account (not a secret)
     */
    public record Item(Reconciler.Verdict verdict, Resource.Kind kind, String id, String label, String detail,
                       String orgId, String credentialId, String accountSid) {
        static Item of(Reconciler.Finding finding) {
            Resource.Account account = finding.account();
            boolean tenant = account != null && !account.platform();
            return new Item(finding.verdict(), finding.kind(), finding.id(), finding.label(), finding.detail(),
                    tenant ? account.orgId() : null, tenant ? account.credentialId() : null,
                    tenant ? account.accountSid() : null);
        }
    }
}
