import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Reads feeds with ROME (Debian librome-java) and prints one normalised JSON report per file.
 *
 * <p>Usage: java -cp CLASSPATH RomeRead FILE... Output: {"FILE": {"items": [...], "errors": [...]}}.
 * ROME core has no Media RSS or DC-terms module (those live in rome-modules, not packaged), so
 * media:content and dcterms:modified are read from the entry's foreign markup, which ROME keeps as
 * JDOM elements: still ROME's parse, only the last step is ours.
 */
public final class RomeRead {
  private static final Namespace MEDIA = Namespace.getNamespace("http://search.yahoo.com/mrss/");
  private static final Namespace DCTERMS = Namespace.getNamespace("http://purl.org/dc/terms/");

  public static void main(String[] args) throws Exception {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < args.length; i++) {
      if (i > 0) out.append(',');
      out.append(str(args[i])).append(':').append(readFile(args[i]));
    }
    out.append('}');
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    stdout.print(out);
  }

  private static String readFile(String path) {
    try (XmlReader reader = new XmlReader(new File(path))) {
      SyndFeedInput input = new SyndFeedInput();
      SyndFeed feed = input.build(reader);
      StringBuilder items = new StringBuilder("[");
      List<SyndEntry> entries = feed.getEntries();
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0) items.append(',');
        items.append(readEntry(entries.get(i)));
      }
      return "{\"items\":" + items + "],\"errors\":[],\"version\":" + str(feed.getFeedType()) + "}";
    } catch (Exception | LinkageError error) {
      return "{\"items\":[],\"errors\":[" + str(error.toString()) + "]}";
    }
  }

  private static String readEntry(SyndEntry entry) {
    List<String> authors = new ArrayList<>();
    for (SyndPerson person : entry.getAuthors()) if (person.getName() != null) authors.add(str(person.getName()));
    if (authors.isEmpty() && entry.getAuthor() != null && !entry.getAuthor().isEmpty()) authors.add(str(entry.getAuthor()));
    List<String> categories = new ArrayList<>();
    for (SyndCategory category : entry.getCategories()) categories.add(str(category.getName()));
    List<String> enclosures = new ArrayList<>();
    for (SyndEnclosure enclosure : entry.getEnclosures()) {
      enclosures.add(media(enclosure.getUrl(), enclosure.getType(), enclosure.getLength() > 0 ? String.valueOf(enclosure.getLength()) : null, null));
    }
    List<String> media = new ArrayList<>();
    Date updated = entry.getUpdatedDate();
    for (Element element : entry.getForeignMarkup()) {
      if (MEDIA.getURI().equals(element.getNamespaceURI()) && "content".equals(element.getName())) {
        media.add(media(element.getAttributeValue("url"), element.getAttributeValue("type"), element.getAttributeValue("fileSize"), element.getAttributeValue("medium")));
      }
      if (updated == null && DCTERMS.getURI().equals(element.getNamespaceURI()) && "modified".equals(element.getName())) {
        updated = Date.from(OffsetDateTime.parse(element.getTextTrim()).toInstant());
      }
    }
    return "{\"id\":" + str(entry.getUri()) + ",\"title\":" + str(entry.getTitle()) + ",\"link\":" + str(entry.getLink())
        + ",\"published\":" + epoch(entry.getPublishedDate()) + ",\"updated\":" + epoch(updated)
        + ",\"authors\":" + authors + ",\"categories\":" + categories
        + ",\"enclosures\":" + enclosures + ",\"media\":" + media
        + ",\"content\":" + str(entry.getContents().isEmpty() ? null : entry.getContents().get(0).getValue()) + "}";
  }

  private static String media(String url, String type, String length, String medium) {
    return "{\"url\":" + str(url) + ",\"type\":" + str(type) + ",\"length\":" + (length == null ? "null" : length) + ",\"medium\":" + str(medium) + "}";
  }

  private static String epoch(Date date) {
    return date == null ? "null" : String.valueOf(date.getTime() / 1000);
  }

  /** A JSON string literal; every non-ASCII character escaped so the output is plain ASCII. */
  private static String str(String value) {
    if (value == null) return "null";
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }
}
