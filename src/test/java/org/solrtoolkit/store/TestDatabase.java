package org.solrtoolkit.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * The two databases the repository and service tests run against (issue 18): a SQLite file in the
 * test's temp directory, or a fresh database on a real PostgreSQL server. The server is the one
 * {@code .ci/run} started ({@code SOLR_TOOLKIT_TEST_PG}, credentials in the standard PG* environment),
 * else a throwaway cluster this JVM starts with {@code src/main/launcher/solr-server} and stops at exit;
 * where PostgreSQL is not installed the server variants are skipped, saying so.
 */
public enum TestDatabase {
    SQLITE, POSTGRESQL;

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static String server; // postgresql://host:port/ of the admin database's server, ending in '/'
    private static Map<String, String> env;
    private static String template; // the migrated database new server databases are copied from

    /** A new, empty database of this kind, migrated to the current schema. */
    public Database open(Path dir) {
        return this == SQLITE ? Database.open(dir.resolve("test-" + NEXT.incrementAndGet() + ".db")) : newServerDatabase();
    }

    /** A second, independent handle on {@code db} (another shell on the same database). */
    public Database reopen(Database db) {
        return this == SQLITE ? Database.open(db.file()) : Database.server(db.name(), serverEnv());
    }

    /** The URL of a new, empty server database (not yet migrated) and the environment to reach it with. */
    public static String newServerUrl() {
        return createDatabase(null);
    }

    /**
     * A new database, empty or (with {@code copyOf}) a copy of that database: its URL. Synchronised:
     * PostgreSQL refuses a copy while another session uses the database copied.
     */
    private static synchronized String createDatabase(String copyOf) {
        ensureServer();
        String name = "t" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        Properties p = new Properties();
        p.setProperty("user", env.get("PGUSER"));
        if (env.containsKey("PGPASSWORD")) {
            p.setProperty("password", env.get("PGPASSWORD"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:" + server + "postgres", p)) {
            c.createStatement().execute("CREATE DATABASE " + name + (copyOf == null ? "" : " TEMPLATE " + copyOf));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + server + ": " + e.getMessage(), e);
        }
        return server + name;
    }

    /** The environment a toolkit process needs to reach the test server (PGUSER and a password source). */
    public static Map<String, String> serverEnv() {
        ensureServer();
        return Map.copyOf(env);
    }

    /**
     * A migrated server database: a copy of one database this JVM migrated once ({@code CREATE
     * DATABASE ... TEMPLATE}), which is what Flyway would have made, in a fraction of the time
     * (the copy carries the schema, its policies and grants, and Flyway's history).
     */
    private static Database newServerDatabase() {
        return Database.server(createDatabase(migratedTemplate()), serverEnv());
    }

    private static synchronized String migratedTemplate() {
        if (template == null) {
            String url = newServerUrl();
            Database.server(url, serverEnv()).close(); // migrated on opening; closed, as a template must be
            template = url.substring(url.lastIndexOf('/') + 1);
        }
        return template;
    }

    private static synchronized void ensureServer() {
        if (server != null) {
            return;
        }
        String given = System.getenv("SOLR_TOOLKIT_TEST_PG");
        if (given != null && !given.isBlank()) {
            server = given.substring(0, given.lastIndexOf('/') + 1);
            env = new HashMap<>(System.getenv());
            env.putIfAbsent("PGUSER", System.getProperty("user.name"));
            return;
        }
        Path script = Path.of("src/main/launcher/solr-server").toAbsolutePath();
        try {
            Path dir = Files.createTempDirectory("solr-test-pg");
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder("bash", script.toString(), "start", dir.toString(), String.valueOf(port))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                Assumptions.abort("no PostgreSQL server for the server variants of the tests (" + out.strip() + ")");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new ProcessBuilder("bash", script.toString(), "stop", dir.toString()).start().waitFor(60,
                            TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    // the cluster's process goes with the machine's next clean-up
                }
            }));
            String pgpass = Files.readAllLines(dir.resolve("pgpass")).get(0);
            env = new HashMap<>();
            env.put("PGUSER", "solr_admin");
            env.put("PGPASSWORD", pgpass.substring(pgpass.lastIndexOf(':') + 1));
            env.put("PGPASSFILE", dir.resolve("pgpass").toString());
            server = "postgresql://localhost:" + port + "/";
        } catch (IOException e) {
            Assumptions.abort("no PostgreSQL server for the server variants of the tests: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Assumptions.abort("interrupted while starting PostgreSQL");
        }
    }
}
