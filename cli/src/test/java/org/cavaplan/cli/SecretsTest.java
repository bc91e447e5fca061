package org.cavaplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Issue 8, privacy: secrets come only from the environment or from files, never from the command
 * line, where {@code ps} shows them to every user of the machine. API tokens come from
 * {@code CAVAPLAN_TOKEN}, the pseudonym key from {@code CAVAPLAN_PSEUDONYM_KEY}, the database password
 * from {@code CAVAPLAN_DB_PASSWORD} or {@code --db-password-file}, the EHRs' keys from the
 * {@code --cds-trust} file; passwords are set in the web application.
 */
class SecretsTest {

    /** Words that name a secret in an option or a parameter. */
    private static final Pattern SECRET = Pattern.compile("(?i)pass(word)?|token|secret|credential|key");

    @TempDir
    Path dir;

    static List<CommandSpec> everyCommand(CommandSpec spec) {
        List<CommandSpec> all = new ArrayList<>(List.of(spec));
        spec.subcommands().values().forEach(sub -> all.addAll(everyCommand(sub.getCommandSpec())));
        return all;
    }

    @Test
    void no_command_takes_a_secret_as_an_argument_only_a_file_that_holds_one() {
        List<String> offenders = new ArrayList<>();
        for (CommandSpec command : everyCommand(new CommandLine(new Main()).getCommandSpec())) {
            for (OptionSpec option : command.options()) {
                String words = String.join(" ", option.names()) + " " + option.paramLabel();
                boolean namesASecret = SECRET.matcher(words).find();
                boolean takesAFile = option.type().equals(Path.class) || option.paramLabel().equals("FILE");
                if (namesASecret && option.arity().max() > 0 && !takesAFile) {
                    offenders.add(command.qualifiedName() + " " + option.longestName());
                }
            }
            for (PositionalParamSpec parameter : command.positionalParameters()) {
                if (SECRET.matcher(parameter.paramLabel()).find()) {
                    offenders.add(command.qualifiedName() + " " + parameter.paramLabel());
                }
            }
        }
        assertThat(offenders).as("options or parameters that take a secret on the command line").isEmpty();
    }

    @Test
    void a_database_url_that_holds_a_password_is_refused_without_repeating_it() {
        for (String url : List.of("jdbc:postgresql://127.0.0.1:5432/cavaplan?user=cavaplan&password=Hunter2-Secret",
                "jdbc:postgresql://cavaplan:Hunter2-Secret@127.0.0.1/cavaplan",
                "jdbc:h2:file:./x/cavaplan;USER=sa;PASSWORD=Hunter2-Secret")) {
            Run run = Run.of("export", "--db", url);
            assertThat(run.code()).as(url).isEqualTo(Exit.BAD_INPUT);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("--db", RegistryAccess.DB_PASSWORD_ENV, "--db-password-file")
                    .doesNotContain("Hunter2-Secret");
        }
    }

    @Test
    void the_database_password_comes_from_a_file_or_from_the_environment_and_the_file_wins() throws Exception {
        Path file = dir.resolve("db-password");
        Files.writeString(file, "from the file & more=?\n", StandardCharsets.UTF_8);
        String url = "jdbc:postgresql://127.0.0.1:5432/cavaplan?user=cavaplan";
        Map<String, String> environment = Map.of(RegistryAccess.DB_PASSWORD_ENV, "from-the-environment");

        assertThat(RegistryAccess.jdbcUrl(url, file, environment))
                .isEqualTo(url + "&password=from+the+file+%26+more%3D%3F");
        assertThat(RegistryAccess.jdbcUrl(url, null, environment)).isEqualTo(url + "&password=from-the-environment");
        assertThat(RegistryAccess.jdbcUrl("jdbc:postgresql://db/cavaplan", null, environment))
                .isEqualTo("jdbc:postgresql://db/cavaplan?password=from-the-environment");
        assertThat(RegistryAccess.jdbcUrl(url, null, Map.of())).isEqualTo(url);
    }

    @Test
    void the_embedded_database_takes_no_password() throws Exception {
        Map<String, String> environment = Map.of(RegistryAccess.DB_PASSWORD_ENV, "for-postgresql-only");
        assertThat(RegistryAccess.jdbcUrl("jdbc:h2:file:./x/cavaplan", null, environment))
                .isEqualTo("jdbc:h2:file:./x/cavaplan");
        Path file = Files.writeString(dir.resolve("pw"), "secret", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RegistryAccess.jdbcUrl("jdbc:h2:file:./x/cavaplan", file, environment))
                .isInstanceOf(Inputs.BadInput.class).hasMessageContaining("PostgreSQL");
    }

    @Test
    void a_missing_password_file_is_bad_input() {
        Run run = Run.of("export", "--db", "jdbc:postgresql://127.0.0.1:1/none", "--db-password-file",
                dir.resolve("absent").toString());
        assertThat(run.code()).isEqualTo(Exit.BAD_INPUT);
        assertThat(run.err()).contains("--db-password-file");
    }
}
