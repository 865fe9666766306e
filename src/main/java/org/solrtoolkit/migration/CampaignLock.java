package org.solrtoolkit.migration;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One campaign run at a time per database: an OS lock on a file beside it, which the operating
 * system releases if the process dies, so a killed run never blocks the next one.
 */
final class CampaignLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private CampaignLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
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
            return new CampaignLock(ch, lock);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new CampaignException(CampaignException.Code.IO, "campaign lock " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
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
