package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.command.annotation.EnableCommand;

/**
 * The definitions are Spring Shell's own, made by {@code @EnableCommand} as in the toolkit; every
 * bean stays lazy, so nothing is built and only the registrations left are looked at.
 */
class OneCommandRegistrationsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableCommand({EventCommands.class, ClockCommands.class, FleetCertificateCommands.class, GroupHelp.class})
    static class Commands {
    }

    private static List<String> registrationsLeft(String... args) {
        try (AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext()) {
            ctx.register(Commands.class);
            ctx.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor());
            ctx.addBeanFactoryPostProcessor(new OneCommandRegistrations(args));
            ctx.refresh();
            return Arrays.stream(ctx.getBeanDefinitionNames()).filter(n -> n.contains("/")).sorted().toList();
        }
    }

    @Test
    void aOneShotCommandRegistersOnlyItself() {
        assertThat(registrationsLeft("event", "list", "--format", "json"))
                .containsExactly("org.solrtoolkit.shell.EventCommands/listString");
        assertThat(registrationsLeft("fleet", "certificates", "export", "--out", "certs"))
                .singleElement().asString().startsWith("org.solrtoolkit.shell.FleetCertificateCommands/export");
    }

    @Test
    void wordsThatNameNoCommandKeepThemAllForHelpAndSuggestions() {
        List<String> all = registrationsLeft();
        assertThat(all).hasSizeGreaterThan(10);
        assertThat(registrationsLeft("event", "lst")).isEqualTo(all); // "did you mean 'event list'"
        assertThat(registrationsLeft("help", "event", "list")).isEqualTo(all);
        assertThat(registrationsLeft("--format", "json")).isEqualTo(all);
        // a group's help lists the group's commands from the catalogue
        assertThat(registrationsLeft(GroupHelp.COMMAND, "event")).isEqualTo(all);
    }

    @Test
    void theBuildsAotProcessingRecordsEveryCommand() {
        List<String> all = registrationsLeft();
        System.setProperty("spring.aot.processing", "true");
        try {
            assertThat(registrationsLeft("event", "list")).isEqualTo(all);
        } finally {
            System.clearProperty("spring.aot.processing");
        }
    }
}
