package org.solrtoolkit.migration;

import org.solrtoolkit.ToolkitException;

/** A campaign that cannot start or continue; the message names the input and what to do. */
public class CampaignException extends ToolkitException {

    /** Stable codes. */
    public enum Code { BAD_OPTION, BAD_INPUT, NO_FLEET, NO_SOLR_CERTIFICATES, NO_XML_SIGNING_KEY, BAD_CERTIFICATES, RUNNING,
        NO_CAMPAIGN, IO, CANCELLED }

    public CampaignException(Code code, String message) {
        super(code, message);
    }
}
