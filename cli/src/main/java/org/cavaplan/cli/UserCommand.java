package org.cavaplan.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.cavaplan.registry.NewUser;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.RegistryException;
import org.cavaplan.registry.Role;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", description = "Users of the registry.", subcommands = UserCommand.Add.class)
final class UserCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a user command is required (add)");
    }

    @Command(name = "add", description = "Creates a user and prints one line: a new API token for 'Authorization: Bearer'. "
            + "The token is shown once; the registry keeps only its SHA-256.")
    static final class Add implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        RegistryAccess access;

        @Parameters(paramLabel = "NAME", description = "1 to 100 letters, digits, '.', '_', '@' or '-'.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "CLINICIAN|RESEARCHER|ADMIN",
                description = "CLINICIAN, RESEARCHER (de-identified exports only) or ADMIN.")
        Role role;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            NewUser user;
            try (Registry registry = access.open()) {
                user = registry.addUser(RegistryAccess.actor(registry), name, role);
            } catch (Inputs.BadInput bad) {
                Inputs.print(err, bad);
                return Exit.BAD_INPUT;
            } catch (RegistryException.DuplicateUser | RegistryException.Invalid | RegistryException.AccessDenied e) {
                err.println(e.getMessage());
                return Exit.BAD_INPUT;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(user.token());
            out.flush();
            return Exit.OK;
        }
    }
}
