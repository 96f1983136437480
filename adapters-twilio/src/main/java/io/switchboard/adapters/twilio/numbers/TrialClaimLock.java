package io.switchboard.adapters.twilio.numbers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One claim of a trial account's only number at a time. Twilio has no compare-and-set on a FriendlyName, so "read the
 * owner tag, see nobody, re-tag for me" by two workers at once lets both see nobody and both believe they won (chaos
 * run 9: two organizations' onboardings each claimed the number; the second re-tag won, the first saga's line
 * was refused by VAPI and its undo parked for ops). Holding this lock across the read and the re-tag makes the
 * second claimer read the first one's tag and answer {@code TRIAL_NUMBER_IN_USE}.
 */
public interface TrialClaimLock {

    /** Runs {@code work} while no other claim on {@code accountSid}'s number runs (in any worker sharing the lock). */
    <T> T exclusively(String accountSid, Supplier<T> work);

    /**
     * Within this process only: enough for one Twilio worker; several instances need {@link PostgresTrialClaimLock}.
     */
    static TrialClaimLock inProcess() {
        Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
        return new TrialClaimLock() {
            @Override
            public <T> T exclusively(String accountSid, Supplier<T> work) {
                ReentrantLock lock = locks.computeIfAbsent(accountSid, k -> new ReentrantLock());
                lock.lock();
                try {
                    return work.get();
                } finally {
                    lock.unlock();
                }
            }
        };
    }
}
