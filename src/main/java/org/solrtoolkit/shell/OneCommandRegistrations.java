package org.solrtoolkit.shell;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.shell.command.annotation.Command;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Only the beans a command needs (issue 13): a one-shot run registers with Spring Shell the
 * command it was given, not all 74, each of which costs reflection over its method and options
 * at every start (together about 0.08 s). Where the words given name no command
 * ({@code help}, a typo, a group's name) every command stays, so help, "did you mean" and group
 * listings see them all, exactly as before. The interactive shell and scripts always get every
 * command. Works on the definitions {@code @EnableCommand} (or the build's AOT processing) made,
 * through the property names of Spring Shell's {@code CommandRegistrationFactoryBean} (not public,
 * so named here); a definition that does not read as one is kept.
 */
final class OneCommandRegistrations implements BeanFactoryPostProcessor {

    private static final String FACTORY = "org.springframework.shell.command.annotation.support.CommandRegistrationFactoryBean";

    private final List<String> words;

    /** @param args the one command's words and options, as given */
    OneCommandRegistrations(String[] args) {
        this.words = Arrays.stream(args).takeWhile(a -> !a.startsWith("-")).toList();
    }

    /** Runs after every definition is in ({@code @EnableCommand}'s come from a registry post-processor). */
    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!(beanFactory instanceof BeanDefinitionRegistry registry) || Boolean.getBoolean("spring.aot.processing")
                || words.isEmpty() || words.get(0).equals(GroupHelp.COMMAND)) {
            return; // the build's AOT processing records every command; a group's help lists them
        }
        List<String> others = new ArrayList<>();
        boolean matched = false;
        for (String name : registry.getBeanDefinitionNames()) {
            BeanDefinition definition = registry.getBeanDefinition(name);
            List<List<String>> names = commandNames(definition);
            if (names.isEmpty()) {
                continue; // not a command registration, or one we cannot read: kept
            }
            if (names.stream().anyMatch(this::given)) {
                matched = true;
            } else {
                others.add(name);
            }
        }
        if (matched) {
            others.forEach(registry::removeBeanDefinition);
        }
    }

    /** Whether the command line starts with exactly these words (Spring Shell takes the longest match). */
    private boolean given(List<String> command) {
        return command.size() <= words.size() && words.subList(0, command.size()).equals(command);
    }

    /** The command's name and aliases as word lists, from its class's and method's {@link Command}; none if unknown. */
    static List<List<String>> commandNames(BeanDefinition definition) {
        if (!FACTORY.equals(definition.getBeanClassName())) {
            return List.of();
        }
        var values = definition.getPropertyValues();
        Class<?> type = type(values.get("commandBeanType"));
        Object method = values.get("commandMethodName");
        Object parameters = values.get("commandMethodParameters");
        if (type == null || !(method instanceof String m) || !(parameters instanceof Class<?>[] p)) {
            return List.of();
        }
        Method target = ReflectionUtils.findMethod(type, m, p);
        Command outer = type.getAnnotation(Command.class);
        Command inner = target == null ? null : target.getAnnotation(Command.class);
        if (inner == null) {
            return List.of();
        }
        List<String> prefix = outer == null ? List.of() : words(outer.command());
        List<List<String>> names = new ArrayList<>();
        names.add(Stream.concat(prefix.stream(), words(inner.command()).stream()).toList());
        for (String alias : inner.alias()) {
            List<String> aliasPrefix = outer == null || outer.alias().length == 0 ? prefix : words(outer.alias());
            names.add(Stream.concat(aliasPrefix.stream(), words(new String[] {alias}).stream()).toList());
        }
        return names;
    }

    private static List<String> words(String[] parts) {
        return Arrays.stream(parts).flatMap(s -> Arrays.stream(s.trim().split("\\s+"))).filter(w -> !w.isEmpty()).toList();
    }

    private static Class<?> type(Object value) {
        if (value instanceof Class<?> c) {
            return c;
        }
        if (value instanceof String s) {
            return ClassUtils.resolveClassName(s, OneCommandRegistrations.class.getClassLoader());
        }
        return null;
    }
}
