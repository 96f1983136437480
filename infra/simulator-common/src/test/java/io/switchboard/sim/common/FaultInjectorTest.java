package io.switchboard.sim.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private final FaultInjector faults = new FaultInjector();

    @Test
    void nthCallFiresExactlyOnceOnTheNthMatchingCall() {
        faults.add(FaultRule.matching("POST", "/things").onNthCall(3).fail(503));

        List<Boolean> fired = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fired.add(faults.decide("POST", "/things", "Create").isPresent());
        }

        assertThat(fired).containsExactly(false, false, true, false, false);
    }

    @Test
    void nextCallsFireForTheFirstKMatchesOnly() {
        faults.add(FaultRule.forOperation("Create").onNextCalls(2).fail(500));

        assertThat(faults.decide("POST", "/a", "Other")).isEmpty();
        assertThat(faults.decide("POST", "/a", "Create")).isPresent();
        assertThat(faults.decide("POST", "/a", "Create")).isPresent();
        assertThat(faults.decide("POST", "/a", "Create")).isEmpty();
        assertThat(faults.injectedCount()).isEqualTo(2);
    }

    @Test
    void probabilityWithSeedIsReproducible() {
        FaultRule rule = FaultRule.matching(null, null).withProbability(0.5, 42L).fail(500);
        FaultInjector first = new FaultInjector();
        FaultInjector second = new FaultInjector();
        first.add(rule);
        second.add(rule);

        List<Boolean> a = new ArrayList<>();
        List<Boolean> b = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            a.add(first.decide("GET", "/x", "op").isPresent());
            b.add(second.decide("GET", "/x", "op").isPresent());
        }

        assertThat(a).isEqualTo(b);
        assertThat(a.stream().filter(x -> x).count()).isBetween(60L, 140L);
    }

    @Test
    void methodAndPathRegexMustBothMatch() {
        faults.add(FaultRule.matching("DELETE", ".*/Numbers/PN[0-9a-f]+\\.json").always().fail(500));

        assertThat(faults.decide("GET", "/Numbers/PNab.json", "Fetch")).isEmpty();
        assertThat(faults.decide("DELETE", "/Numbers/PNab.json", "Delete")).isPresent();
        assertThat(faults.decide("DELETE", "/Numbers/other", "Delete")).isEmpty();
    }

    @Test
    void firstFiringRuleWinsButEveryMatchingRuleCounts() {
        FaultRule always = faults.add(FaultRule.forOperation("Create").onNextCalls(1).fail(429));
        faults.add(FaultRule.forOperation("Create").onNthCall(2).fail(503));

        assertThat(faults.decide("POST", "/", "Create")).map(FaultRule::id).contains(always.id());
        assertThat(faults.decide("POST", "/", "Create")).map(FaultRule::status).contains(503);
    }

    @Test
    void rulesCanBeRemovedAndCleared() {
        FaultRule rule = faults.add(FaultRule.forOperation("A").always().fail(500));
        faults.add(FaultRule.forOperation("B").always().fail(500));

        assertThat(faults.remove(rule.id())).isTrue();
        assertThat(faults.rules()).extracting(FaultRule::operation).containsExactly("B");
        faults.clear();
        assertThat(faults.rules()).isEmpty();
    }

    @Test
    void invalidRulesAreRejectedUpFront() {
        assertThatThrownBy(() -> FaultRule.forOperation("A").withProbability(1.5, 1).fail(500))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.matching("GET", "([").always().fail(500))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> FaultRule.forOperation("A").onNthCall(0).fail(500))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
