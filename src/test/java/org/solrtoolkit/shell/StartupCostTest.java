package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;

/**
 * Guards what keeps a one-shot command's start-up short (issue 13): Spring reads the method
 * signatures of every bean class at start-up, and a Bouncy Castle type there opens its signed jars
 * (about 0.1 s) for every command, even one that touches no certificate. Heavy services reach the
 * commands through providers or holders instead ({@link ToolkitConfiguration.Smki}).
 */
class StartupCostTest {

    @Test
    void noBeanClassNamesABouncyCastleTypeInItsMethods() throws Exception {
        List<Class<?>> beans = new ArrayList<>();
        for (Method factory : ToolkitConfiguration.class.getDeclaredMethods()) {
            if (factory.isAnnotationPresent(Bean.class)) {
                beans.add(factory.getReturnType());
            }
        }
        try (Stream<Path> files = Files.list(Path.of("target/classes/org/solrtoolkit/shell"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString().replace(".class", "");
                if (!name.contains("$")) {
                    beans.add(Class.forName("org.solrtoolkit.shell." + name)); // commands and shell components
                }
            }
        }
        List<String> found = new ArrayList<>();
        for (Class<?> type : beans) {
            for (Method m : type.getDeclaredMethods()) {
                Stream.concat(Stream.of(m.getReturnType()), Stream.of(m.getParameterTypes()))
                        .filter(t -> t.getName().startsWith("org.bouncycastle"))
                        .forEach(t -> found.add(type.getSimpleName() + "." + m.getName() + " names " + t.getName()));
            }
        }
        assertThat(beans).hasSizeGreaterThan(30);
        assertThat(found).as("bean methods naming Bouncy Castle types").isEmpty();
    }
}
