package dev.docsift.slm.constrain;

import java.util.Map;

/** Hand-written schemas that exercise what the shipped ones do not. */
public final class HardSchemas {
  private HardSchemas() {}

  /** Schema JSON texts by name. */
  public static final Map<String, String> ALL =
      Map.of(
          "nested",
          """
          {"type":"object","required":["groups"],"properties":{
            "groups":{"type":"array","minItems":1,"maxItems":3,"items":{
              "type":"object","required":["name","rows"],"properties":{
                "name":{"type":"string","maxLength":12},
                "rows":{"type":"array","maxItems":4,"items":{"type":"object","properties":{
                  "cells":{"type":"array","maxItems":3,"items":{"type":"integer"}},
                  "label":{"type":["string","null"],"maxLength":5}}}}}}}}}
          """,
          "enums",
          """
          {"type":"object","required":["status","kind","flag"],"properties":{
            "status":{"enum":["paid","unpaid","partially paid",null]},
            "kind":{"type":"string","enum":["A","AB","ABC"]},
            "flag":{"type":"boolean"},
            "level":{"anyOf":[{"type":"integer"},{"type":"null"}]},
            "note":{"anyOf":[{"type":"string","minLength":2,"maxLength":4},{"type":"null"}]},
            "c":{"const":"fixed"},
            "n":{"enum":[1,12,123]},
            "ratio":{"type":["number","null"]}}}
          """,
          "patterns",
          """
          {"type":"object","required":["d","code","amount"],"properties":{
            "d":{"type":"string","format":"date"},
            "code":{"type":"string","pattern":"^[A-Z]{2}-[0-9]{3,5}$"},
            "amount":{"type":["string","null"],"pattern":"^-?[0-9]+\\\\.[0-9]{2}$"},
            "tag":{"type":"string","pattern":"(foo|bar)+","maxLength":10},
            "euro":{"type":"string","pattern":"^[€é]{1,3}x?$"},
            "t":{"type":"string","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"},
            "dates":{"type":"array","maxItems":3,"items":{"type":"string","format":"date"}}}}
          """,
          "refs",
          """
          {"$defs":{
             "point":{"type":"object","required":["x","y"],"properties":{
               "x":{"type":"integer"},"y":{"type":"number"}}},
             "money":{"type":"string","pattern":"^[0-9]+\\\\.[0-9]{2}$","maxLength":8}},
           "type":"object","required":["points","counts"],"properties":{
             "points":{"type":"array","minItems":2,"maxItems":4,"items":{"$ref":"#/$defs/point"}},
             "counts":{"type":"array","items":{"type":"integer"},"minItems":3,"maxItems":3},
             "price":{"$ref":"#/$defs/money"},
             "empty":{"type":"object","properties":{}},
             "name":{"type":"string","minLength":3,"maxLength":6}}}
          """);
}
