package dev.sluice.evals;

/** Starts {@link FakeChatServer} for manual benchmarking with {@link EvalBench}; prints its URL and waits. */
public final class FakeGatewayMain {

    private FakeGatewayMain() { }

    public static void main(String[] args) throws Exception {
        try (FakeChatServer server = new FakeChatServer(EvalCommandEndToEndTest::answer, 0)) {
            System.out.println(server.url());
            Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "600") * 1000);
        }
    }
}
