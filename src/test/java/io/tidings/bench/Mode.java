package io.tidings.bench;

/** One kind of measurement; it puts its figures into the run's report. */
interface Mode {
    void run(Run run) throws Exception;

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
            case "failover" -> throw new IllegalArgumentException("failover needs --cluster N (N >= 2)");
            default -> throw new IllegalArgumentException("unknown mode '" + name + "'");
        };
    }
}
