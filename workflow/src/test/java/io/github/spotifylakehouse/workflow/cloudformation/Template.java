package io.github.spotifylakehouse.workflow.cloudformation;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation template read into plain maps and lists, with the YAML short forms ({@code !Ref},
 * {@code !Sub}, {@code !GetAtt}, {@code !If}, ...) turned into the long forms CloudFormation itself
 * sees ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}, {@code {"Fn::GetAtt": [resource, attribute]}}).
 * Anchors and aliases resolve as in any YAML; a duplicate key fails the load.
 */
final class Template {

  /** The stack's template, relative to the repository root. */
  static final String STACK_TEMPLATE = "cloudformation/spotify-lakehouse.yaml";

  private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue",
      "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "GetAtt", "Length",
      "ToJsonString");

  private final Path path;
  private final Map<String, Object> root;

  private Template(Path path, Map<String, Object> root) {
    this.path = path;
    this.root = root;
  }

  /** The stack's template in this checkout. */
  static Template stack() {
    return load(repositoryRoot().resolve(STACK_TEMPLATE));
  }

  @SuppressWarnings("unchecked")
  static Template load(Path file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml yaml = new Yaml(new CloudFormationConstructor(options));
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object loaded = yaml.load(reader);
      if (!(loaded instanceof Map)) {
        throw new IllegalArgumentException("Not a template (no top-level mapping): " + file);
      }
      return new Template(file, (Map<String, Object>) loaded);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read template " + file, e);
    }
  }

  /** The folder holding {@value #STACK_TEMPLATE}: the working directory (the module) or one of its parents. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
      if (Files.isRegularFile(candidate.resolve(STACK_TEMPLATE))) {
        return candidate;
      }
    }
    throw new IllegalStateException("No " + STACK_TEMPLATE + " in " + dir + " or its parents");
  }

  Path path() {
    return path;
  }

  Map<String, Object> section(String name) {
    return map(root.getOrDefault(name, Map.of()), name);
  }

  Map<String, Object> resources() {
    return section("Resources");
  }

  Map<String, Object> parameters() {
    return section("Parameters");
  }

  Map<String, Object> conditions() {
    return section("Conditions");
  }

  Map<String, Object> outputs() {
    return section("Outputs");
  }

  Map<String, Object> resource(String logicalId) {
    Object resource = resources().get(logicalId);
    if (resource == null) {
      throw new AssertionError("Template has no resource " + logicalId);
    }
    return map(resource, "Resources." + logicalId);
  }

  String type(String logicalId) {
    return (String) resource(logicalId).get("Type");
  }

  Map<String, Object> properties(String logicalId) {
    return map(resource(logicalId).getOrDefault("Properties", Map.of()), logicalId + ".Properties");
  }

  /** Logical ids of the resources of one type, in template order. */
  List<String> resourcesOfType(String type) {
    return resources().keySet().stream().filter(id -> type.equals(type(id))).collect(Collectors.toList());
  }

  /** The only resource of a type; fails when there are none or several. */
  String onlyResourceOfType(String type) {
    List<String> ids = resourcesOfType(type);
    if (ids.size() != 1) {
      throw new AssertionError("Expected exactly one " + type + ", found " + ids);
    }
    return ids.get(0);
  }

  // ---------------------------------------------------------------- navigation helpers

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, String where) {
    if (!(value instanceof Map)) {
      throw new AssertionError(where + " is not a mapping: " + value);
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value, String where) {
    if (!(value instanceof List)) {
      throw new AssertionError(where + " is not a list: " + value);
    }
    return (List<Object>) value;
  }

  /** A value or a list of values as a list (IAM allows both for Action and Resource). */
  static List<Object> oneOrMany(Object value) {
    return value instanceof List ? list(value, "value") : List.of(value);
  }

  /** Follows a dotted path of mapping keys; fails naming the missing key. */
  static Object at(Map<String, Object> start, String dottedPath) {
    Object current = start;
    StringBuilder seen = new StringBuilder();
    for (String key : dottedPath.split("\\.")) {
      Map<String, Object> map = map(current, seen.length() == 0 ? "value" : seen.toString());
      if (!map.containsKey(key)) {
        throw new AssertionError("Missing " + (seen.length() == 0 ? key : seen + "." + key));
      }
      current = map.get(key);
      seen.append(seen.length() == 0 ? "" : ".").append(key);
    }
    return current;
  }

  /** The target of {@code {"Ref": x}}, or null when the value is something else. */
  static String refTarget(Object value) {
    if (value instanceof Map && ((Map<?, ?>) value).size() == 1 && ((Map<?, ?>) value).containsKey("Ref")) {
      return String.valueOf(((Map<?, ?>) value).get("Ref"));
    }
    return null;
  }

  /** {@code [resource, attribute]} of {@code {"Fn::GetAtt": ...}}, or null. */
  static List<String> getAtt(Object value) {
    if (value instanceof Map && ((Map<?, ?>) value).size() == 1 && ((Map<?, ?>) value).containsKey("Fn::GetAtt")) {
      return list(((Map<?, ?>) value).get("Fn::GetAtt"), "Fn::GetAtt").stream().map(String::valueOf)
          .collect(Collectors.toList());
    }
    return null;
  }

  /** The string of {@code {"Fn::Sub": "..."}} (the one-argument form), or null. */
  static String sub(Object value) {
    if (value instanceof Map && ((Map<?, ?>) value).size() == 1 && ((Map<?, ?>) value).containsKey("Fn::Sub")) {
      Object argument = ((Map<?, ?>) value).get("Fn::Sub");
      return argument instanceof String ? (String) argument : null;
    }
    return null;
  }

  /** Visits every mapping in a value, depth first (including the value itself). */
  static void eachMapping(Object value, Consumer<Map<String, Object>> visitor) {
    if (value instanceof Map) {
      Map<String, Object> map = map(value, "value");
      visitor.accept(map);
      map.values().forEach(child -> eachMapping(child, visitor));
    } else if (value instanceof List) {
      list(value, "value").forEach(child -> eachMapping(child, visitor));
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }

  /** SnakeYAML's safe types, plus CloudFormation's short-form tags. */
  private static final class CloudFormationConstructor extends SafeConstructor {

    CloudFormationConstructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
      for (String function : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function));
      }
    }

    private final class LongForm extends AbstractConstruct {
      private final String key;

      LongForm(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Object argument;
        if (node instanceof ScalarNode) {
          String text = constructScalar((ScalarNode) node);
          // !GetAtt Resource.Attribute is the short form of [Resource, Attribute]
          if (key.equals("Fn::GetAtt")) {
            int dot = text.indexOf('.');
            if (dot < 0) {
              throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got '" + text + "'");
            }
            argument = List.of(text.substring(0, dot), text.substring(dot + 1));
          } else {
            argument = text;
          }
        } else if (node instanceof SequenceNode) {
          argument = new ArrayList<>(constructSequence((SequenceNode) node));
        } else {
          argument = new LinkedHashMap<>(constructMapping((MappingNode) node));
        }
        Map<String, Object> longForm = new LinkedHashMap<>();
        longForm.put(key, Objects.requireNonNull(argument));
        return longForm;
      }
    }
  }
}
