package org.solrtoolkit.shell;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.solrtoolkit.ToolkitException;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.shell.boot.ApplicationRunnerAutoConfiguration;
import org.springframework.shell.boot.CommandCatalogAutoConfiguration;
import org.springframework.shell.boot.CompleterAutoConfiguration;
import org.springframework.shell.boot.ExitCodeAutoConfiguration;
import org.springframework.shell.boot.JLineAutoConfiguration;
import org.springframework.shell.boot.JLineShellAutoConfiguration;
import org.springframework.shell.boot.LineReaderAutoConfiguration;
import org.springframework.shell.boot.ParameterResolverAutoConfiguration;
import org.springframework.shell.boot.ShellContextAutoConfiguration;
import org.springframework.shell.boot.ShellRunnerAutoConfiguration;
import org.springframework.shell.boot.SpringShellAutoConfiguration;
import org.springframework.shell.boot.StandardAPIAutoConfiguration;
import org.springframework.shell.boot.StandardCommandsAutoConfiguration;
import org.springframework.shell.boot.ThemingAutoConfiguration;
import org.springframework.shell.boot.UserConfigAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.shell.CommandNotCurrentlyAvailable;
import org.springframework.shell.CommandNotFound;
import org.springframework.shell.command.CommandExecution;
import org.springframework.shell.command.annotation.EnableCommand;

/**
 * Entry point of {@code solr-toolkit}: no argument opens the interactive shell, {@code @FILE} runs
 * a script, anything else runs one command and exits with 0 (success), 1 (failure) or 2 (usage).
 * Only the auto-configuration the shell needs is imported (not Boot's 150-odd candidates: their
 * conditions alone cost a one-shot command a noticeable share of its start-up), and the shell's
 * components and command classes are listed rather than found by scanning the package (two
 * classpath scans, about 0.08 s of every start; {@code ArchitectureTest} keeps the lists complete).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import({Actors.class, Completions.class, ErrorReporter.class, InteractiveRunner.class, Passwords.class,
        PositionalCompletion.class, Prompt.class, RehearsalBanner.class, RoleAvailability.class, ScriptRunner.class,
        Session.class, ToolkitConfiguration.class, ToolkitHelp.class})
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ExitCodeAutoConfiguration.class,
        ShellContextAutoConfiguration.class, SpringShellAutoConfiguration.class, ShellRunnerAutoConfiguration.class,
        ApplicationRunnerAutoConfiguration.class, CommandCatalogAutoConfiguration.class,
        LineReaderAutoConfiguration.class, CompleterAutoConfiguration.class, UserConfigAutoConfiguration.class,
        JLineAutoConfiguration.class, JLineShellAutoConfiguration.class, ParameterResolverAutoConfiguration.class,
        StandardAPIAutoConfiguration.class, ThemingAutoConfiguration.class, StandardCommandsAutoConfiguration.class})
@EnableCommand({AuditCommands.class, CampaignCommands.class, CampaignDuisCommands.class, ChecklistCommands.class,
        ClockCommands.class, DccCommands.class, DuisCommands.class, EventCommands.class, FleetCertificateCommands.class,
        FleetCommands.class, GbcsCommands.class, GroupHelp.class, MeterCommands.class, OperatorCommands.class,
        PkiBenchmarkCommands.class, PkiCommands.class, PlaybookCommands.class, ProtectDuisCommands.class,
        RehearsalCommands.class, ReportCommands.class, StepCommands.class, UtrnCommands.class})
public class SolrToolkitApplication {

    /** Held so the JUL configuration is not garbage collected. */
    private static final Logger JLINE = Logger.getLogger("org.jline");

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the toolkit and returns the process exit code. */
    static int run(String[] args) {
        JLINE.setLevel(Level.OFF); // JLine warns about a dumb terminal on stdout when piped
        Launch launch = Launch.parse(args, System.getenv());
        if (launch.mode() == Launch.Mode.VERSION) {
            System.out.println(version());
            return 0;
        }
        aotOnlyWhereBuilt();
        SpringApplication app = new SpringApplication(SolrToolkitApplication.class);
        app.addListeners(new ShellWarmUp());
        app.setDefaultProperties(launch.properties());
        app.setRegisterShutdownHook(false);
        app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("launch", launch));
        if (launch.mode() == Launch.Mode.ONE_COMMAND) {
            app.addInitializers(ctx -> ctx.addBeanFactoryPostProcessor(new OneCommandRegistrations(launch.commandArgs())));
        }
        StartupReport report = StartupReport.ifRequested(app);
        try (ConfigurableApplicationContext ctx = app.run(launch.commandArgs())) {
            return 0;
        } catch (SpringApplication.AbandonedRunException e) {
            throw e; // the build's AOT processing stops the run here, having recorded the bean definitions
        } catch (Throwable e) {
            return exitCode(e, launch);
        } finally {
            report.print();
        }
    }

    /**
     * The launcher asks for the bean definitions the build's AOT processing generated (issue 13:
     * no configuration class parsed, no condition evaluated at start); a jar built without them
     * (an IDE's classes, {@code -Dspring-boot.aot.skip}) starts the ordinary way instead of failing.
     */
    private static void aotOnlyWhereBuilt() {
        if (Boolean.getBoolean("spring.aot.enabled") && SolrToolkitApplication.class.getClassLoader().getResource(
                "org/solrtoolkit/shell/SolrToolkitApplication__ApplicationContextInitializer.class") == null) {
            System.clearProperty("spring.aot.enabled");
        }
    }

    /** {@code solr-toolkit 0.1.0 (Java 17.0.15, Spring Boot 3.5.16)}: from the jar's manifest, without starting Spring. */
    static String version() {
        String own = SolrToolkitApplication.class.getPackage().getImplementationVersion();
        String boot = SpringApplication.class.getPackage().getImplementationVersion();
        return "solr-toolkit " + (own == null ? "(development build)" : own) + " (Java " + System.getProperty(
                "java.version") + (boot == null ? "" : ", Spring Boot " + boot) + ")\ncrypto: " + crypto();
    }

    private static String crypto() {
        try {
            return org.solrtoolkit.pki.Crypto.describe();
        } catch (org.solrtoolkit.ToolkitException e) {
            return e.getMessage(); // a bad SOLR_TOOLKIT_CRYPTO: said here, refused by the first command that signs
        }
    }

    /**
     * The exit code for a failure that left the shell. Command failures were already printed by
     * {@link ErrorReporter}; what is printed here is what never reached it (a script file that
     * cannot be read, an unavailable command, a failure during start-up).
     */
    private static int exitCode(Throwable e, Launch launch) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CommandExecution.CommandParserExceptionsException || t instanceof CommandNotFound) {
                return ExitCodes.of(t);
            }
            if (t instanceof CommandNotCurrentlyAvailable na) {
                System.err.println(na.getMessage());
                return 1;
            }
            if (t instanceof ExitCodeGenerator g && g.getExitCode() != 0) {
                return g.getExitCode();
            }
            if (t instanceof ToolkitException te) {
                System.err.println(ShellText.options(te));
                return ExitCodes.of(te);
            }
        }
        System.err.println("solr-toolkit failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + " (details in the log file beside the database)");
        if (launch.debug()) {
            e.printStackTrace();
        }
        return 1;
    }
}
