<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit common layer: facts from the TEI header (title, people responsible, publication,
  the print source) for title pages, footers and page metadata.

  Citation records: Python passes $citations, the JSON of teikit.cite.records.citation_records
  (CSL-JSON items keyed "edition", "print" and division IDs), so pages carry the same
  metadata as the citation files. Without it (or for a document it cannot describe) the
  functions below fall back to the header.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <!-- JSON object of CSL-JSON items (see above); "{}" when unavailable. -->
  <xsl:param name="citations" as="xs:string" select="'{}'"/>
  <xsl:variable name="tk:citations" as="map(*)" select="parse-json($citations)"/>

  <xsl:variable name="tk:header" as="element(tei:teiHeader)?" select="($tk:doc/*/tei:teiHeader)[1]"/>
  <xsl:variable name="tk:title-stmt" as="element()?" select="$tk:header/tei:fileDesc/tei:titleStmt"/>

  <!-- Each header fact below is a function (the public name) over a global variable: Saxon
       evaluates a global variable once, a function at every call, and every page asks. -->

  <!--* The edition's main title. -->
  <xsl:function name="tk:title" as="xs:string">
    <xsl:sequence select="$tk:title-value"/>
  </xsl:function>
  <xsl:variable name="tk:title-value" as="xs:string">
    <!-- the first title with words: an empty <title/> (a template's) names nothing -->
    <xsl:variable name="titles" select="$tk:title-stmt/tei:title[normalize-space()]"/>
    <xsl:variable name="main" select="($titles[@type = 'main'], $titles[not(@type)], $titles)[1]"/>
    <xsl:sequence select="if ($main) then tk:plain($main) else tk:s('unknown-name')"/>
  </xsl:variable>

  <!--* The edition's subtitle ("" when none). -->
  <xsl:function name="tk:subtitle" as="xs:string">
    <xsl:sequence select="$tk:subtitle-value"/>
  </xsl:function>
  <xsl:variable name="tk:subtitle-value" as="xs:string">
    <xsl:sequence select="tk:plain(($tk:title-stmt/tei:title[@type = ('sub', 'subtitle')])[1])"/>
  </xsl:variable>

  <!--* The language of the edition (BCP 47). -->
  <xsl:function name="tk:language" as="xs:string">
    <xsl:sequence select="$tk:language-value"/>
  </xsl:function>
  <xsl:variable name="tk:language-value" as="xs:string">
    <!-- (a collection's own header names no language: its first member that names one, by
         xml:lang or in its header, speaks for it; 300 letters in German were lang="en") -->
    <!-- (an empty xml:lang on the root, "no language said", gives way to the text's:
         al-Muqtabas' TEI xml:lang="" around text xml:lang="ar" made every page lang="",
         which screen readers take for no language at all) -->
    <xsl:sequence select="tk:bcp47(string(($tk:doc/*/@xml:lang[normalize-space()], $tk:doc//tei:text/@xml:lang,
        $tk:header/tei:profileDesc/tei:langUsage/tei:language/@ident,
        $tk:doc/tei:teiCorpus/tei:TEI/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident, 'en')[1]))"/>
  </xsl:variable>

  <!--* A language tag as HTML wants it: a BCP 47 tag of the IANA registry (languages.xsl).
        ISO 639-2 codes BCP 47 writes with two letters become those ("ger" -> "de", "lat" ->
        "la"); "_" is read as "-"; a subtag the registry does not hold ends the tag ("en-UK" ->
        "en"); a tag whose language is none ("esp", "english") gives "" (HTML's "unknown
        language", which the Nu checker accepts, where it refuses "esp"). html.xsl reports
        the tags changed so (render.language-tag). -->
  <xsl:function name="tk:bcp47" as="xs:string">
    <xsl:param name="tag" as="xs:string"/>
    <xsl:variable name="subtags" select="tokenize(normalize-space($tag), '[-_]')"/>
    <xsl:variable name="primary" select="lower-case($subtags[1])"/>
    <xsl:variable name="primary" select="($tk:iso639-2($primary), $primary)[1]"/>
    <xsl:sequence select="
        if ($primary = ('x', 'i')) then (if (tk:extension-ok(tail($subtags))) then string-join($subtags, '-') else '')
        else if (not(tk:registered($primary, $tk:language-set) or matches($primary, '^q[a-t][a-z]$'))) then ''
        else string-join(($primary, tk:bcp47-subtags(tail($subtags))), '-')"/>
  </xsl:function>

  <!--* The writing direction of a language tag (as tk:bcp47 gives it): "rtl" for a script
        written from right to left ("ar", "he", "syr", "fa", "ur", "yi"; or its script
        subtag: "sa-Arab"), else "ltr" (a transliteration, "syr-Latn", reads left to right).
        HTML takes no direction from lang: without dir a Syriac or Hebrew paragraph is set
        flush left and its closing stop drawn at its start. -->
  <xsl:function name="tk:direction" as="xs:string">
    <xsl:param name="tag" as="xs:string"/>
    <xsl:variable name="subtags" select="tokenize(lower-case($tag), '-')"/>
    <!-- a script subtag (four letters, before any extension or private use) decides -->
    <xsl:variable name="script" select="(tail($subtags)[matches(., '^[a-z]{4}$')]
        [every $s in subsequence($subtags, 2, index-of($subtags, .)[1] - 2) satisfies string-length($s) gt 1])[1]"/>
    <xsl:sequence select="if (exists($script)) then (if ($script = $tk:rtl-scripts) then 'rtl' else 'ltr')
        else if ($subtags[1] = $tk:rtl-languages) then 'rtl' else 'ltr'"/>
  </xsl:function>
  <!-- Scripts written from right to left (ISO 15924), and languages whose usual script is one. -->
  <xsl:variable name="tk:rtl-scripts" as="xs:string*" select="('adlm', 'arab', 'aran', 'armi', 'avst', 'chrs',
      'cprt', 'elym', 'hatr', 'hebr', 'hung', 'khar', 'lydi', 'mand', 'mani', 'mend', 'merc', 'mero', 'narb',
      'nbat', 'nkoo', 'orkh', 'ougr', 'palm', 'phli', 'phlp', 'phnx', 'prti', 'rohg', 'samr', 'sarb', 'sogd',
      'sogo', 'syrc', 'syre', 'syrj', 'syrn', 'thaa', 'yezi')"/>
  <xsl:variable name="tk:rtl-languages" as="xs:string*" select="('ar', 'arb', 'arq', 'ary', 'arz', 'acm', 'apc',
      'ajp', 'aeb', 'afb', 'ayl', 'apd', 'acq', 'abv', 'ars', 'shu', 'ssh', 'he', 'iw', 'hbo', 'yi', 'ji', 'ydd',
      'yih', 'fa', 'pes', 'prs', 'ur', 'ps', 'pbt', 'pbu', 'pst', 'sd', 'ug', 'dv', 'ckb', 'syr', 'syc', 'aii',
      'cld', 'tru', 'arc', 'sam', 'smp', 'mid', 'myz', 'jrb', 'jpr', 'nqo', 'ota', 'pnb', 'skr', 'bal', 'bgn',
      'glk', 'mzn', 'lrc', 'bqi', 'azb', 'khw', 'brh', 'phn', 'xpu', 'xmn', 'oar')"/>

  <!--* dir="rtl" or dir="ltr" for an element whose language (@xml:lang) is written in the other
        direction than what holds it (its nearest ancestor with xml:lang, else the edition's
        language): a Syriac paragraph in an English edition, an English gloss in it. -->
  <xsl:function name="tk:dir-attribute" as="attribute()?">
    <xsl:param name="e" as="element()"/>
    <xsl:if test="$e/@xml:lang">
      <xsl:variable name="own" select="tk:direction(tk:bcp47(string($e/@xml:lang)))"/>
      <xsl:variable name="outer" select="tk:direction((($e/ancestor::*/@xml:lang)[last()] ! tk:bcp47(string(.)), tk:language())[1])"/>
      <xsl:if test="$own != $outer"><xsl:attribute name="dir" select="$own"/></xsl:if>
    </xsl:if>
  </xsl:function>

  <xsl:variable name="tk:language-set" as="map(xs:string, xs:boolean)"
      select="map:merge(tokenize($tk:registry-languages) ! map{.: true()})"/>
  <xsl:variable name="tk:script-set" as="map(xs:string, xs:boolean)"
      select="map:merge(tokenize($tk:registry-scripts) ! map{.: true()})"/>
  <xsl:variable name="tk:region-set" as="map(xs:string, xs:boolean)"
      select="map:merge(tokenize($tk:registry-regions) ! map{.: true()})"/>

  <xsl:function name="tk:registered" as="xs:boolean">
    <xsl:param name="subtag" as="xs:string"/>
    <xsl:param name="set" as="map(xs:string, xs:boolean)"/>
    <xsl:sequence select="map:contains($set, lower-case($subtag))"/>
  </xsl:function>

  <!-- The subtags after the language, up to the first the registry does not hold: an
       extended language (3 letters), script (4), region (2 letters or 3 digits), variants
       (5-8 characters, or a digit and 3), then extensions and private use ("x-..."). -->
  <xsl:function name="tk:bcp47-subtags" as="xs:string*">
    <xsl:param name="subtags" as="xs:string*"/>
    <xsl:variable name="s" select="lower-case(head($subtags))"/>
    <xsl:sequence select="
        if (empty($subtags)) then ()
        else if (matches($s, '^[0-9a-z]$')) then (if (tk:extension-ok(tail($subtags))) then $subtags else ())
        else if ((matches($s, '^[a-z]{3}$') and tk:registered($s, $tk:language-set))
                 or (matches($s, '^[a-z]{4}$') and (tk:registered($s, $tk:script-set) or matches($s, '^qa[a-b][a-x]$')))
                 or (matches($s, '^([a-z]{2}|[0-9]{3})$') and (tk:registered($s, $tk:region-set)
                     or matches($s, '^(q[m-z]|x[a-z]|aa|zz)$')))
                 or matches($s, '^([0-9a-z]{5,8}|[0-9][0-9a-z]{3})$'))
          then (head($subtags), tk:bcp47-subtags(tail($subtags)))
        else ()"/>
  </xsl:function>

  <xsl:function name="tk:extension-ok" as="xs:boolean">
    <xsl:param name="subtags" as="xs:string*"/>
    <xsl:sequence select="exists($subtags) and (every $t in $subtags satisfies matches($t, '^[0-9A-Za-z]{1,8}$'))"/>
  </xsl:function>

  <!--* A CSL-JSON item by key ("edition", "print", a division ID), or an empty map. -->
  <xsl:function name="tk:citation" as="map(*)">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($tk:citations($key), map{})[1]"/>
  </xsl:function>

  <!--* CSL names as "Family, Given" strings. -->
  <xsl:function name="tk:csl-names" as="xs:string*">
    <xsl:param name="names" as="array(*)?"/>
    <xsl:sequence select="if (empty($names)) then () else array:flatten($names) ! (
        if (?family) then ?family || (if (?given) then ', ' || ?given else '') else string(?literal))"
        xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
  </xsl:function>

  <!--* The authors of the edition ("Family, Given"), from the citation record else the header. -->
  <xsl:function name="tk:authors" as="xs:string*">
    <xsl:sequence select="$tk:authors-value"/>
  </xsl:function>
  <xsl:variable name="tk:authors-value" as="xs:string*">
    <xsl:variable name="csl" select="tk:csl-names(tk:citation('edition')?author)"/>
    <xsl:sequence select="if (exists($csl)) then $csl else $tk:title-stmt/tei:author ! tk:person-name(.)"/>
  </xsl:variable>

  <!--* A person's name as "Surname, Forename" when structured, else as written. -->
  <xsl:function name="tk:person-name" as="xs:string">
    <xsl:param name="n" as="element()"/>
    <xsl:variable name="sur" select="tk:plain(($n//tei:surname)[1])"/>
    <xsl:variable name="fore" select="string-join($n//tei:forename ! tk:plain(.), ' ')"/>
    <xsl:sequence select="if ($sur) then $sur || (if ($fore) then ', ' || $fore else '') else tk:plain($n)"/>
  </xsl:function>

  <!--* CSL date-parts as "YYYY[-MM[-DD]]". -->
  <xsl:function name="tk:csl-date" as="xs:string">
    <xsl:param name="date" as="map(*)?"/>
    <xsl:sequence select="if (empty($date?date-parts)) then ''
        else string-join(array:flatten($date?date-parts(1)) ! format-number(xs:integer(.), '00'), '-')"
        xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
  </xsl:function>

  <!--* Statements of responsibility for the credits: (role, names) pairs as "role: names". -->
  <xsl:function name="tk:credits" as="xs:string*">
    <xsl:sequence select="$tk:credits-value"/>
  </xsl:function>
  <xsl:variable name="tk:credits-value" as="xs:string*">
    <xsl:sequence select="$tk:title-stmt/(tei:editor | tei:respStmt | tei:funder | tei:sponsor | tei:principal) ! (
        if (self::tei:respStmt) then tk:plain(tei:resp[1]) || ': ' || string-join((* except tei:resp) ! tk:plain(.), ', ')
        else (if (@role) then string(@role) else local-name(.)) || ': ' || tk:plain(.))"/>
  </xsl:variable>

  <!--* The publication statement in one line (publisher, place, date). -->
  <xsl:function name="tk:publication" as="xs:string">
    <xsl:sequence select="$tk:publication-value"/>
  </xsl:function>
  <xsl:variable name="tk:publication-value" as="xs:string">
    <xsl:variable name="p" select="$tk:header/tei:fileDesc/tei:publicationStmt"/>
    <xsl:sequence select="string-join((($p/tei:publisher)[normalize-space()] ! tk:agent-name(.),
        ($p/tei:pubPlace, $p/tei:date)[normalize-space()] ! tk:plain(.)), ', ')"/>
  </xsl:variable>

  <!--* A publisher's (distributor's, authority's) name: its name child when it has one, since
        it may also hold an email or address that would run into the name ("(KNAW)info@…"). -->
  <xsl:function name="tk:agent-name" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tk:plain(($e/(tei:name, tei:orgName, tei:persName)[normalize-space()], $e)[1])"/>
  </xsl:function>

  <!--* The licence text (and its URL when given). -->
  <xsl:function name="tk:licence" as="element()?">
    <xsl:sequence select="$tk:licence-value"/>
  </xsl:function>
  <xsl:variable name="tk:licence-value" as="element()?">
    <xsl:sequence select="($tk:header/tei:fileDesc/tei:publicationStmt/tei:availability/(tei:licence, tei:p))[1]"/>
  </xsl:variable>

  <!--* The print source in one line (from sourceDesc); a header with several sourceDesc
        (SARIT's Buddhacarita: Johnston's edition and Cowell's) names each, separated by ";". -->
  <xsl:function name="tk:source" as="xs:string">
    <xsl:sequence select="$tk:source-value"/>
  </xsl:function>
  <xsl:variable name="tk:source-value" as="xs:string">
    <xsl:sequence select="string-join($tk:header/tei:fileDesc/tei:sourceDesc
        ! tk:source-line((tei:biblStruct, tei:bibl, tei:p)[1])[. != ''], '; ')"/>
  </xsl:variable>
  <xsl:function name="tk:source-line" as="xs:string">
    <xsl:param name="s" as="element()?"/>
    <xsl:sequence select="if ($s/self::tei:biblStruct) then string-join((
          $s/tei:monogr/tei:author ! tk:person-name(.),
          $s/tei:monogr/tei:title[1] ! tk:plain(.),
          string-join($s/tei:monogr/tei:imprint/(tei:pubPlace, tei:publisher, tei:date) ! tk:plain(.), ', ')
        )[. != ''], '. ') else tk:plain($s)"/>
  </xsl:function>
</xsl:stylesheet>
