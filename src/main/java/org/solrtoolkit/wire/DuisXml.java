package org.solrtoolkit.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * DUIS XML on the JDK's DOM: the {@code sr} namespace, a parser that refuses DTDs and external
 * entities (a DUIS file comes from outside), element look-ups that name what is missing, and
 * serialisation in UTF-8 without re-indenting a signed document.
 */
final class DuisXml {

    /** The DUIS Service User Gateway namespace. */
    static final String SR = "http://www.dccinterface.co.uk/ServiceUserGateway";
    /** The DUIS schema version written in requests. */
    static final String SCHEMA_VERSION = "5.2";

    private DuisXml() {
    }

    static Document newDocument() {
        return builder().newDocument();
    }

    /** Parses {@code xml}; anything that is not well-formed XML is one line naming {@code file}. */
    static Document parse(byte[] xml, String file) {
        try {
            return builder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new DuisException(DuisException.Code.MALFORMED, file + " is not XML: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new DuisException(DuisException.Code.MALFORMED, file + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * One parser and one serialiser per thread, reset before each use: looking the JDK's XML
     * implementations up (a service-loader scan of the class path) and configuring a parser cost far
     * more than a signature check, and a campaign over the wire parses several documents per meter.
     */
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(DuisXml::newBuilder);
    private static final TransformerFactory TRANSFORMERS = TransformerFactory.newInstance();
    private static final ThreadLocal<Transformer> SERIALISERS = ThreadLocal.withInitial(DuisXml::newSerialiser);

    private static DocumentBuilder builder() {
        DocumentBuilder b = BUILDERS.get();
        b.reset();
        b.setErrorHandler(ERRORS);
        return b;
    }

    /** Errors thrown, not printed to stderr. */
    private static final org.xml.sax.ErrorHandler ERRORS = new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void error(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured securely", e);
        }
    }

    private static Transformer newSerialiser() {
        try {
            synchronized (TRANSFORMERS) {
                return TRANSFORMERS.newTransformer();
            }
        } catch (javax.xml.transform.TransformerConfigurationException e) {
            throw new IllegalStateException("the JDK's XML serialiser cannot be made", e);
        }
    }

    static byte[] serialise(Document doc) {
        try {
            Transformer t = SERIALISERS.get();
            t.reset();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.STANDALONE, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream(4_096);
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }

    /**
     * A new document's root {@code sr:<name>}, the namespace declared as an attribute: the signature
     * is computed on this DOM before it is written, and canonicalisation must see the declaration
     * the written file will have.
     */
    static Element root(Document doc, String name) {
        Element root = doc.createElementNS(SR, "sr:" + name);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:sr", SR);
        root.setAttribute("schemaVersion", SCHEMA_VERSION);
        doc.appendChild(root);
        return root;
    }

    static Element add(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(SR, "sr:" + name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }

    /** The {@code sr} child elements of {@code parent}, in order. */
    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && SR.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    static Optional<Element> child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && SR.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static Element required(Element parent, String name, String file) {
        return child(parent, name).orElseThrow(() -> new DuisException(DuisException.Code.MALFORMED, file + ": "
                + parent.getLocalName() + " has no " + name));
    }

    static String text(Element parent, String name, String file) {
        return required(parent, name, file).getTextContent().trim();
    }

    static Optional<String> optionalText(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim());
    }

    /** The document element, which must be {@code sr:<name>}. */
    static Element root(Document doc, String name, String file) {
        Element root = doc.getDocumentElement();
        if (root == null || !SR.equals(root.getNamespaceURI()) || !name.equals(root.getLocalName())) {
            throw new DuisException(DuisException.Code.MALFORMED, file + " is not a DUIS " + name + " (its root is "
                    + (root == null ? "missing" : root.getLocalName() + " in namespace " + (root.getNamespaceURI() == null ? "none"
                    : root.getNamespaceURI())) + ")");
        }
        return root;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
