package org.medscribe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xml.sax.InputSource;

/**
 * A library's log line can carry characters XML 1.0 forbids (PDFBox quotes a damaged PDF's text,
 * U+FFFF included); surefire copies the tests' output into its XML report, which then no longer
 * parses. The tests' log pattern (logback-test.xml) replaces them.
 */
class TestLogXmlSafetyTest {

    @Test
    void theTestLogReplacesCharactersXmlForbids() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDERR");
        String message = "font glyph name 'uni\uFFFF' \uFFFE bell\u0007 lone \uD800 kept: 病历 \uD83D\uDE00 tab\tend";
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), root, Level.WARN, message, null, null);

        String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).doesNotContain("\uFFFF", "\uFFFE", "\u0007").contains("uni\uFFFD'")
                .contains("kept: 病历 \uD83D\uDE00 tab\tend");
        assertThat(line.codePoints().filter(c -> c >= 0xD800 && c <= 0xDFFF)).isEmpty();
        // The line goes into an XML document as surefire writes it, and parses.
        String xml = "<system-err><![CDATA[" + line + "]]></system-err>";
        assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml))).getDocumentElement().getTextContent())
                .contains("kept: 病历");
    }
}
