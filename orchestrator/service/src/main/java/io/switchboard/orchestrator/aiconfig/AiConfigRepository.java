package io.switchboard.orchestrator.aiconfig;

import org.springframework.data.jpa.repository.Query;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AiConfigRepository extends JpaRepository<AiConfig, String> {

    /** Lines on a free VAPI number (activating or not): each one counts against VAPI's per-account limit. */
    @Query("select count(c) from AiConfig c where c.numberSource = 'VAPI_FREE' and c.vapiPhoneNumberId is not null")
    long countFreeVapiNumbers();

    /** Lines whose free VAPI number had not shown its digits when their onboarding stopped waiting. */
    @Query("select c.orgId from AiConfig c where c.status = 'activation_pending'")
    List<String> findActivationPending();
}
