import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Writes PIT's mutations.xml as Markdown: the score, one row per class, and every mutant that survived or was not
 * covered, with its line and what it changed. The scores and survivors in docs/ are this output, copied unchanged.
 *
 * <pre>java scripts/MutationReport.java [target/pit-reports/mutations.xml] [commit]</pre>
 */
public class MutationReport {

  record Mutant(String type, String method, int line, String description, String status) {
    boolean killed() {
      // PIT counts a mutant whose tests ran out of time or memory as killed (its score does too).
      return status.equals("KILLED") || status.equals("TIMED_OUT") || status.equals("MEMORY_ERROR");
    }
  }

  public static void main(String[] args) throws Exception {
    Path xml = Path.of(args.length > 0 ? args[0] : "target/pit-reports/mutations.xml");
    String commit = args.length > 1 ? args[1] : "";
    if (!Files.isRegularFile(xml)) {
      System.err.println("mutation report: no " + xml + "; run ./mvnw -Pmutation verify first");
      System.exit(1);
    }
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    var nodes = factory.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("mutation");
    List<Mutant> mutants = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      var m = (Element) nodes.item(i);
      String type = text(m, "mutatedClass");
      mutants.add(new Mutant(type.substring(type.lastIndexOf('.') + 1), text(m, "mutatedMethod"),
          Integer.parseInt(text(m, "lineNumber")), text(m, "description"), m.getAttribute("status")));
    }
    Map<String, List<Mutant>> byClass = new TreeMap<>();
    mutants.forEach(m -> byClass.computeIfAbsent(m.type(), k -> new ArrayList<>()).add(m));

    long killed = mutants.stream().filter(Mutant::killed).count();
    long uncovered = mutants.stream().filter(m -> m.status().equals("NO_COVERAGE")).count();
    System.out.printf("# Mutation testing%s%n%n", commit.isEmpty() ? "" : " of `" + commit + "`");
    System.out.printf("Score %s: %d killed of %d mutants (%d survived, %d not covered by a test of the profile).%n%n",
        percent(killed, mutants.size()), killed, mutants.size(), mutants.size() - killed - uncovered, uncovered);
    System.out.println("| class | mutants | killed | survived | not covered | score |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    byClass.forEach((type, list) -> {
      long k = list.stream().filter(Mutant::killed).count();
      long n = list.stream().filter(m -> m.status().equals("NO_COVERAGE")).count();
      System.out.printf("| `%s` | %d | %d | %d | %d | %s |%n", type, list.size(), k, list.size() - k - n, n,
          percent(k, list.size()));
    });
    System.out.printf("%n## Mutants left alive%n%n| class:line | method | mutation | status |%n| --- | --- | --- | --- |%n");
    byClass.values().forEach(list -> list.stream().filter(m -> !m.killed())
        .sorted((a, b) -> Integer.compare(a.line(), b.line()))
        .forEach(m -> System.out.printf("| `%s:%d` | `%s` | %s | %s |%n", m.type(), m.line(), m.method(),
            m.description().replace("|", "\\|"), m.status().equals("NO_COVERAGE") ? "not covered" : "survived")));
  }

  private static String text(Element parent, String tag) {
    var found = parent.getElementsByTagName(tag);
    return found.getLength() == 0 ? "" : found.item(0).getTextContent();
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "n/a" : String.format("%.1f %%", 100.0 * part / whole);
  }
}
