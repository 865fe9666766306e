package org.solrtoolkit.migration;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One campaign run at a time per database: on a SQLite file an OS lock on a file beside it, which
 * the operating system releases if the process dies; on a server database a session-level advisory
 * lock held on a connection of its own, which the server releases when that session ends (a killed
 * run's connection is closed). Either way a killed run never blocks the next one.
 */
final class CampaignLock implements AutoCloseable {

    /** The server's advisory lock key for campaign runs (distinct from the write lock). */
    private static final long SERVER_KEY = 7_394_156_990_786_306_049L;

    private final FileChannel channel;
    private final FileLock lock;
    private final org.solrtoolkit.store.DatabaseSession session;

    private CampaignLock(FileChannel channel, FileLock lock, org.solrtoolkit.store.DatabaseSession session) {
        this.channel = channel;
        this.lock = lock;
        this.session = session;
    }

    /** @throws CampaignException RUNNING if another run holds the lock, IO if it cannot be taken */
    static CampaignLock acquire(org.solrtoolkit.store.Database db) {
        if (!db.isServer()) {
            return acquire(db.file());
        }
        org.solrtoolkit.store.DatabaseSession s = db.session();
        Boolean got = s.jdbc().queryForObject("SELECT pg_try_advisory_lock(" + SERVER_KEY + ")", java.util.Map.of(),
                Boolean.class);
        if (!Boolean.TRUE.equals(got)) {
            s.close();
            throw new CampaignException(CampaignException.Code.RUNNING, "a campaign run is already in progress on"
                    + " this database (" + db.name() + "); wait for it, or see its progress with 'campaign status'");
        }
        return new CampaignLock(null, null, s);
    }

    /** @throws CampaignException RUNNING if another run holds the lock, IO if the file cannot be opened */
    static CampaignLock acquire(Path databaseFile) {
        Path file = Path.of(databaseFile + ".campaign.lock");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new CampaignException(CampaignException.Code.RUNNING, "a campaign run is already in progress on"
                        + " this database (" + file + " is locked); wait for it, or see its progress with"
                        + " 'campaign status'");
            }
            return new CampaignLock(ch, lock, null);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new CampaignException(CampaignException.Code.IO, "campaign lock " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (session != null) {
            try {
                session.jdbc().queryForObject("SELECT pg_advisory_unlock(" + SERVER_KEY + ")", java.util.Map.of(),
                        Boolean.class);
            } finally {
                session.close(); // the session's end releases the lock in any case
            }
            return;
        }
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
