package io.switchboard.notifier.email;

/**
 * Names Jakarta Mail's stream provider once, for the JVM. Without it, {@code StreamProvider.provider()} — called for
 * every message, body part and header block built or written — runs a {@link java.util.ServiceLoader} scan of the
 * classpath each time (jakartaee/mail-api#861): 6.5 % of all CPU in the throughput benchmark before this was set.
 * {@code FactoryFinder} reads this system property before it falls back to that scan.
 */
public final class MailStreams {
    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreams() {
    }

    /** Sets the provider unless the JVM was started with one, or Angus Mail (the implementation) is not there. */
    public static void useAngusProvider() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(ANGUS, false, MailStreams.class.getClassLoader());
            System.setProperty(PROPERTY, ANGUS);
        } catch (ClassNotFoundException e) {
            // Another implementation: Jakarta Mail finds it by its scan, as before.
        }
    }
}
