package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.security.Caller;
import io.switchboard.orchestrator.reconcile.Reconciliation;
import io.switchboard.orchestrator.reconcile.ReconciliationController;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.ui.ExtendedModelMap;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reconciliation page without provider access, and for an organization's token. */
class ReconciliationPagesTest {
    private final ReconciliationPagesController pages = new ReconciliationPagesController(
            new ReconciliationController(new StaticListableBeanFactory().getBeanProvider(Reconciliation.class)));

    @Test
    void withoutProviderAccessThePagesSayHowToEnableIt() {
        ExtendedModelMap model = new ExtendedModelMap();
        assertThat(pages.report(false, as(ops()), model)).isEqualTo("console/reconciliation");
        assertThat((String) model.getAttribute("disabled")).contains("switchboard.reconcile.twilio-account-sid");
        assertThat(model.getAttribute("report")).isNull();

        ExtendedModelMap confirm = new ExtendedModelMap();
        assertThat(pages.confirmRelease(List.of("PN1"), false, as(ops()), confirm)).isEqualTo("console/reconciliation");
        assertThat(confirm.getAttribute("disabled")).isNotNull();
    }

    @Test
    void anOrganizationTokenIsRefused() {
        MockHttpServletRequest org = as(new Caller.Organization("acme"));
        assertThatThrownBy(() -> pages.report(false, org, new ExtendedModelMap()))
                .isInstanceOfSatisfying(ConsoleRefusal.class, r -> assertThat(r.status()).isEqualTo(403));
        assertThatThrownBy(() -> pages.release(null, true, org, new ExtendedModelMap()))
                .isInstanceOfSatisfying(ConsoleRefusal.class, r -> assertThat(r.status()).isEqualTo(403));
    }

    @Test
    void aConfirmationWithNothingChosenAsksForAChoice() {
        ExtendedModelMap model = new ExtendedModelMap();
        assertThat(pages.confirmRelease(List.of(" "), false, as(ops()), model))
                .isEqualTo("console/reconciliation-release");
        assertThat((String) model.getAttribute("refused")).contains("Choose at least one orphan");
    }

    private static Caller ops() {
        return new Caller.Ops();
    }

    private static MockHttpServletRequest as(Caller caller) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/console/reconciliation");
        request.setAttribute(ConsoleFilter.CALLER, caller);
        return request;
    }
}
