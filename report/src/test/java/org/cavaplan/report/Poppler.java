package org.cavaplan.report;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether poppler's {@code pdftoppm} can be run here. */
final class Poppler {

    private Poppler() {}

    static boolean installed() {
        try {
            Process p = new ProcessBuilder("pdftoppm", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
