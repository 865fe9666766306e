package org.solrtoolkit.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;

/**
 * The checks before a SQLite file is opened ({@link Database#open(Path)}): its folder exists, it is
 * a file and a SQLite database, and whether it may be written (a file without write permission is
 * opened read-only; a missing one needs a writable folder).
 */
final class SqliteFile {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteFile() {
    }

    /**
     * @return whether the file is to be opened read-only
     * @throws StoreException DIRECTORY_MISSING, NOT_A_DATABASE, READ_ONLY (a new file in a read-only folder) or IO
     */
    static boolean check(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new StoreException(StoreException.Code.DIRECTORY_MISSING,
                    "database " + file + ": directory " + dir + " does not exist; create it or choose another {db}");
        }
        if (Files.isDirectory(absolute)) {
            throw new StoreException(StoreException.Code.NOT_A_DATABASE,
                    "database " + file + " is a directory; give a file name with {db}");
        }
        boolean exists = Files.exists(absolute);
        if (exists) {
            requireSqliteHeader(file, absolute);
        } else if (!isWritable(dir)) {
            throw new StoreException(StoreException.Code.READ_ONLY,
                    "database " + file + " does not exist and directory " + dir
                            + " is read-only; choose a writable place with {db}");
        }
        return exists && !isWritable(absolute);
    }

    private static void requireSqliteHeader(Path file, Path absolute) {
        byte[] head = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(absolute)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new StoreException(StoreException.Code.IO, "database " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (read > 0 && (read < head.length || !Arrays.equals(head, SQLITE_HEADER))) {
            throw new StoreException(StoreException.Code.NOT_A_DATABASE,
                    "database " + file + " is not a SQLite database; check {db} / SOLR_TOOLKIT_DB");
        }
    }

    /**
     * Writable means the OS lets us write and the owner-write bit is set: a file made read-only
     * with {@code chmod a-w} is treated as read-only even for root, which the OS would not stop.
     */
    private static boolean isWritable(Path path) {
        if (!Files.isWritable(path)) {
            return false;
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix == null) {
            return true;
        }
        try {
            return posix.readAttributes().permissions().contains(PosixFilePermission.OWNER_WRITE);
        } catch (IOException e) {
            return false;
        }
    }

}
