package io.switchboard.sim.common;

/** What the admin endpoints need from a concrete simulator. */
public interface AdminBackend {

    /** Everything the simulated account owns, JSON-serializable, without secrets. */
    Object inventory();

    /** Forget all resources, as if freshly started. */
    void reset();
}
