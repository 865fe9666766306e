package org.solrtoolkit.migration;

/**
 * How a campaign run goes: crypto threads, meters per transaction, attempts per meter, meters this
 * run (0: all), whether meters left UNREACHABLE, PARTIAL or FAILED go back to PENDING first, and
 * whether each meter is commanded over the wire formats (DUIS request, simulated DCC, GBCS).
 * Each limit is checked here, with the rule in the message; the shell names the option.
 */
public record CampaignOptions(int threads, int batch, int maxAttempts, long limit, boolean retry, boolean wire) {

    /** A run that leaves earlier exceptions as they are. */
    public CampaignOptions(int threads, int batch, int maxAttempts, long limit) {
        this(threads, batch, maxAttempts, limit, false);
    }

    /** A run on the simulation's direct path (not over DUIS and GBCS). */
    public CampaignOptions(int threads, int batch, int maxAttempts, long limit, boolean retry) {
        this(threads, batch, maxAttempts, limit, retry, false);
    }

    /** The same run over DUIS and GBCS in memory ({@link WirePath}), or not. */
    public CampaignOptions wire(boolean onTheWire) {
        return new CampaignOptions(threads, batch, maxAttempts, limit, retry, onTheWire);
    }

    public CampaignOptions {
        if (threads < 1 || threads > 64) {
            throw new CampaignException(CampaignException.Code.BAD_OPTION, "{threads} " + threads
                    + " must be 1 to 64");
        }
        if (batch < 1 || batch > 100_000) {
            throw new CampaignException(CampaignException.Code.BAD_OPTION, "{batch} " + batch
                    + " must be 1 to 100000 meters per transaction");
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new CampaignException(CampaignException.Code.BAD_OPTION, "{max-attempts} " + maxAttempts
                    + " must be 1 to 100");
        }
        if (limit < 0) {
            throw new CampaignException(CampaignException.Code.BAD_OPTION, "{limit} " + limit
                    + " must not be negative (0: every meter)");
        }
    }
}
