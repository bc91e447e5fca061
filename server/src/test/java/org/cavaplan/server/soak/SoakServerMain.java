package org.cavaplan.server.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.cavaplan.server.CavaPlanServer;
import org.cavaplan.server.FirstStart;

/**
 * The server of the soak test, in its own JVM: wired as {@code cavaplan serve} wires it (an H2
 * registry in a file, the 300-case demo cohort and the admin on first start, default options, CDS
 * Hooks in demo mode), plus a clinician and a researcher. The API tokens go to the file
 * {@code tokens} beside the database, never to the output that the privacy scan reads.
 *
 * <p>{@code java -cp … SoakServerMain DIR}: prints {@code READY <port>} on stdout once listening,
 * then answers one line per command read on stdin: {@code heap} (a full collection, then
 * {@code HEAP <used heap bytes> <process CPU ns>}), {@code stop} (stops the server, closes the registry, {@code STOPPED}).
 */
public final class SoakServerMain {

    private SoakServerMain() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        PrintStream out = System.out;
        Registry registry = Registry.open(jdbcUrl(dir), Clock.systemUTC());
        FirstStart.Admin admin = FirstStart.prepare(registry, FirstStart.DEMO_CASES, FirstStart.DEMO_SEED)
                .orElseThrow(() -> new IllegalStateException("the soak needs an empty registry"));
        Actor operator = Actor.localOperator("soak", "soak");
        String clinician = registry.addUser(operator, "soak-clinician", Role.CLINICIAN).token();
        String researcher = registry.addUser(operator, "soak-researcher", Role.RESEARCHER).token();
        Files.writeString(dir.resolve("tokens"), "admin=" + admin.token() + "\nclinician=" + clinician
                + "\nresearcher=" + researcher + "\n", StandardCharsets.UTF_8);
        CavaPlanServer.Running running = CavaPlanServer.create(registry, Clock.systemUTC(),
                CavaPlanServer.Options.defaults()).start(0);
        out.println("READY " + running.port());
        out.flush();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean cpu = ManagementFactory.getPlatformMXBean(
                com.sun.management.OperatingSystemMXBean.class);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("heap")) {
                // two collections: the first may only queue finalizable and softly reachable objects
                System.gc();
                System.gc();
                out.println("HEAP " + memory.getHeapMemoryUsage().getUsed() + " " + cpu.getProcessCpuTime());
                out.flush();
            } else if (line.equals("stop")) {
                break;
            }
        }
        running.stop();
        registry.close();
        out.println("STOPPED");
        out.flush();
    }

    /** The registry of the soak run in {@code dir}, as the test opens it again to check the writes. */
    static String jdbcUrl(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath();
    }
}
