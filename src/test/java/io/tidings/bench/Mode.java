package io.tidings.bench;

/** One kind of measurement; it puts its figures into the run's report. */
interface Mode {
    void run(Run run) throws Exception;

    /**
     * Runs before the bench starts the server: a mode may start what the server is to talk to (mobile push's
     * provider mock) and add the server's settings for it to {@code options.serverEnv}. Closed after the run.
     */
    default AutoCloseable prepare(Options options) throws Exception {
        return () -> { };
    }

    /** Where its sessions connect. */
    default String path() {
        return "/ws";
    }

    static Mode named(String name) {
        return switch (name) {
            case "idle" -> new IdleMode();
            case "connect-storm", "cold-storm" -> new StormMode();
            case "alert" -> new AlertMode();
            case "push" -> new PushMode(false);
            case "batch-push" -> new PushMode(true);
            case "broadcast" -> new BroadcastMode();
            case "soak" -> new SoakMode();
            case "resume" -> new ResumeMode();
            case "mobile" -> new MobileMode();
            case "mobile-stall" -> new MobileStallMode();
            case "chat" -> new ChatMode();
            case "failover" -> throw new IllegalArgumentException("failover needs --cluster N (N >= 2)");
            default -> throw new IllegalArgumentException("unknown mode '" + name + "'");
        };
    }
}
