package org.solrtoolkit.shell;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Spring Shell builds a Bean Validation factory (Hibernate Validator) in a static initialiser, about
 * 0.06 s on this machine with the launcher's class-data archive (0.35 s without), and no command
 * runs before it is built. This listener has it built on the
 * second core while Spring parses the configuration and makes the beans (issue 13), as Spring Boot's
 * own background pre-initialiser does for the same factory. It starts once logging is set up
 * (it runs after Boot's logging listener), so what the validator logs goes to the log file.
 * The main thread uses the class as usual: if the work is not done yet, the JVM makes it wait, and
 * if it failed here, the class fails there too, as it would have without this.
 */
final class ShellWarmUp implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    private static final String SHELL_UTILS = "org.springframework.shell.Utils";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Thread warm = new Thread(() -> {
            try {
                Class.forName(SHELL_UTILS, true, ShellWarmUp.class.getClassLoader());
            } catch (Throwable e) {
                // met again, and reported, where the shell first uses the class
            }
        }, "solr-toolkit-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
