package org.solrtoolkit.device;

import org.solrtoolkit.ToolkitException;

/** A UTRN, meter identifier or device command that is refused; the message names the input and the rule. */
public class DeviceException extends ToolkitException {

    /** Stable codes of device-side failures. */
    public enum Code { BAD_OPTION, BAD_UTRN, BAD_MPXN, BAD_INPUT, BAD_KEY, IMPORT_REFUSED, COMMAND_REFUSED, IO, CANCELLED }

    public DeviceException(Code code, String message) {
        super(code, message);
    }

    public DeviceException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    public Code errorCode() {
        return Code.valueOf(code());
    }
}
