package dev.sluice.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sluice}: the command line. Exit codes: 0 success, 1 a gate or check failed, 2 bad usage or config. */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
        description = "Sluice: a self-hosted GenAIOps platform (gateway, ledger, evaluations).",
        subcommands = {ServeCommand.class, UsageCommand.class, AuditCommand.class, KeysCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand("eval", new CommandLine(new dev.sluice.evals.EvalCommand(
                dev.sluice.evals.EvalHooks.standard(new InProcessGateway()))));
        cli.setExitCodeExceptionMapper(t -> 2);
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("sluice: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return 2;
        });
        return cli.execute(args);
    }
}
