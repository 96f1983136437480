package io.switchboard.harness.benchmark;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Reads heap and threads of another JVM over JMX (the orchestrator process is started with a loopback-only,
 * unauthenticated JMX port). Heap is read right after a full GC, so it is live data, not garbage waiting to go.
 */
final class JmxSampler implements AutoCloseable {
    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final ThreadMXBean threads;

    JmxSampler(int port) throws Exception {
        connector = JMXConnectorFactory.connect(new JMXServiceURL(
                "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
        MBeanServerConnection c = connector.getMBeanServerConnection();
        memory = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        threads = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
    }

    static List<String> jvmArgs(int port) {
        return List.of("-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1");
    }

    record Sample(long heapUsedAfterGcBytes, long heapCommittedBytes, int liveThreads, int peakThreads) {
    }

    Sample sample() {
        memory.gc();
        return new Sample(memory.getHeapMemoryUsage().getUsed(), memory.getHeapMemoryUsage().getCommitted(),
                threads.getThreadCount(), threads.getPeakThreadCount());
    }

    @Override
    public void close() throws Exception {
        connector.close();
    }
}
