<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit common layer: units (the pages of an edition), IDs, file names, labels, pages.

  A *unit* is what an output makes one page (or chapter file) of: each top-level div of
  front/body/back when that part is divided into divs, else the part itself. Nothing here
  knows one particular book: labels come from the TEI or from the $labels parameter.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <!-- Public parameters (every parameter Python passes is declared here or in an entry). -->
  <!-- true(): every unit goes into one file (edition.html) instead of one file each. -->
  <xsl:param name="single-page" as="xs:boolean" select="false()"/>
  <!-- A document of a collection (a member of a teiCorpus) whose text has at most this many
       characters is one unit, one page (a letter with an opener, divisions and a commentary
       is read on one page); a longer one (a novel, a play) is taken apart as usual. 0: every
       member is taken apart. -->
  <xsl:param name="member-page-chars" as="xs:integer" select="40000"/>
  <!-- What the process that read the edition worked out, so that each worker of a divided
       build (build -\-jobs N) need not work it out again over the whole collection: the
       characters of each collection member's text (JSON {xml:base: count}, the string-length of
       the member's first text) and the lower-cased xml:ids that two distinct IDs fold to
       (separated by spaces; () when not given: worked out here). Either may be left out. -->
  <xsl:param name="member-chars" as="xs:string" select="''"/>
  <xsl:param name="id-clashes" as="xs:string?" select="()"/>
  <!-- JSON object overriding interface labels, e.g. {"contents": "Inhalt"}. -->
  <xsl:param name="labels" as="xs:string" select="'{}'"/>

  <xsl:key name="tk:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- The document being transformed (global context item). -->
  <xsl:variable name="tk:doc" as="document-node()" select="/"/>

  <!-- Interface strings: English defaults, overridable through $labels. -->
  <xsl:variable name="tk:default-labels" as="map(xs:string, xs:string)" select="map{
      'contents': 'Contents', 'title-page': 'Title page', 'notes': 'Notes', 'note': 'Note',
      'persons': 'People', 'organizations': 'Organizations', 'places': 'Places', 'events': 'Events',
      'search': 'Search', 'search-label': 'Search the edition', 'go-page': 'Go to printed page',
      'page': 'p.', 'folio': 'f.', 'pages': 'Printed pages', 'previous': 'Previous', 'next': 'Next',
      'back-to-text': 'Back to text', 'mentions': 'Mentions', 'names': 'Names', 'works': 'Works cited', 'cited-in': 'Cited in',
      'front': 'Front matter', 'body': 'Text', 'back': 'Back matter', 'group': 'Texts',
      'sourceDoc': 'Transcription', 'text': 'Text', 'surface': 'Surface', 'apparatus': 'Apparatus', 'omitted': 'om.', 'witness-starts': 'text begins', 'witness-ends': 'text ends',
      'lacuna-starts': 'lacuna begins', 'lacuna-ends': 'lacuna ends', 'image': 'image', 'facsimile': 'facsimile',
      'section': 'Section', 'skip': 'Skip to the text', 'unknown-name': 'Unnamed',
      'go-to-note': 'Go to the note', 'close': 'Close', 'no-results': 'Nothing found.',
      'no-page': 'No printed page',
      'results': 'results', 'credits': 'Credits', 'source': 'Transcribes', 'site-navigation': 'Site', 'register': 'Register',
      'search-in': 'In', 'search-everywhere': 'the whole edition', 'result-pages': 'Result pages',
      'search-help': 'Several words find the passages that hold them all; &quot;words in quotes&quot; find that phrase; a word* finds words that begin so; any name of a person, place or organisation finds them.',
      'search-no-script': 'Searching runs in your browser and needs JavaScript, which is off. Every passage can also be reached from:',
      'other-name-of': 'another name of', 'showing': 'showing',
      'settings': 'Reading settings', 'theme': 'Theme', 'theme-auto': 'As the system', 'theme-light': 'Light',
      'theme-dark': 'Dark', 'text-size': 'Text size', 'entity-links': 'Links on names',
      'links-all': 'every name', 'links-first': 'first in each paragraph', 'links-none': 'none',
      'keys': 'Keys: ← and → go to the previous and next section (also j and k).',
      'cite': 'Cite', 'cite-passage': 'Cite this passage', 'copy': 'Copy', 'copied': 'Copied',
      'downloads': 'Downloads', 'licence': 'Licence', 'rights': 'Rights', 'in-index': 'In the printed index',
      'open-page': 'Open the page', 'hits': 'Search hits', 'clear-hits': 'Clear the highlighting',
      'mentioned': 'mentioned', 'cover': 'Cover',
      'letters': 'Letters', 'by-date': 'By date', 'by-correspondent': 'By correspondent', 'by-place': 'By place',
      'date': 'Date', 'from': 'From', 'to': 'To', 'place': 'Place', 'letter': 'Letter',
      'unknown-place': 'Place unknown', 'previous-letter': 'Previous letter', 'next-letter': 'Next letter',
      'previous-in-correspondence': 'Previous in this correspondence',
      'next-in-correspondence': 'Next in this correspondence', 'all-letters': 'All letters',
      'letters-sent': 'Letters written', 'letters-received': 'Letters received', 'undated': 'undated',
      'received': 'received', 'letters-described': 'Letters described', 'times': 'times', 'description': 'Description', 'dates': 'Dates',
      'table': 'Table', 'documents-count': 'documents', 'letters-count': 'letters', 'restore': 'deletion cancelled', 'retrace': 'written over again', 'metamark': 'mark',
      'start': 'Start of the text', 'scans': 'Scans', 'scans-show': 'Show the scans', 'scans-hide': 'Hide the scans',
      'scan-of': 'Scan of', 'elsewhere': 'on another site', 'register-entry': 'Entry',
      'printed-page': 'printed page', 'leaf': 'leaf of the manuscript', 'page-inferred': 'page break inferred by the editors',
      'image-not-included': 'image not included', 'hand': 'hand', 'supplied': 'supplied by the editors',
      'omitted-in-source': 'omitted in the source', 'uncertain': 'uncertain', 'unclear': 'unclear',
      'gap': 'gap in the source', 'damage': 'damage in the source', 'landmarks': 'Landmarks', 'page-list': 'Pages',
      'role-trl': 'Translation', 'role-aui': 'Introduction', 'role-ann': 'Notes', 'role-mrk': 'TEI encoding',
      'role-edt': 'Editor', 'role-ctb': 'Contributor'}"/>
  <!-- The words given (labels), then those of the interface's language (strings.xsl), then
       English: a language teikit has no words for reads English throughout, never half. -->
  <xsl:variable name="tk:labels" as="map(*)"
      select="map:merge((parse-json($labels), $tk:translations(substring-before($tk:interface-language || '-', '-')),
                         $tk:default-labels), map{'duplicates': 'use-first'})"/>

  <!--* The language of the interface's words (Contents, Search, Previous): the labels
        parameter's "language" when it gives one; else, when labels are given without one, the
        edition's (they were written in its language); else the language of the text (the
        in-scope xml:lang of the first text, else the edition's, tk:language) when teikit has
        its words (strings.xsl: German, French, Italian, Spanish, Portuguese, Dutch), else
        English. The text's, not the header's: a German letter whose header is in English
        (TEI xml:lang="en" around text xml:lang="de") is read by German readers. -->
  <xsl:variable name="tk:interface-language" as="xs:string"
      select="let $given := map:remove(parse-json($labels), 'language') return
              if (parse-json($labels)?language instance of xs:string) then tk:bcp47(parse-json($labels)?language)
              else if (map:size($given) gt 0) then tk:language()
              else let $text := tk:bcp47(string(((($tk:doc//tei:text)[1]/ancestor-or-self::*/@xml:lang[normalize-space()])[last()],
                                                   tk:language())[1]))
                   return if (map:contains($tk:translations, substring-before($text || '-', '-'))) then $text else 'en'"/>

  <!--* An interface string by key (falls back to the key itself). -->
  <xsl:function name="tk:s" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="string(($tk:labels($key), $key)[1])"/>
  </xsl:function>

  <!-- Elements that may sit between divs without making a part "undivided". -->
  <xsl:variable name="tk:interstitial" as="xs:string*"
      select="('pb', 'cb', 'lb', 'milestone', 'fw', 'anchor', 'gap')"/>

  <!--* Is this front/body/back/group made only of divs (and page furniture), after its
        heading and what opens it (tk:is-opening) and before what closes it (tk:is-closing), if
        any? (They stand at the top of the first division's page and at the foot of the last,
        pages.xsl: a treatise's body headed by its title, SARIT's Pramāṇavārttikapariśiṣṭa,
        and a novel's 48 chapters followed by a trailer, ELTeC's Maquet, were one page each.) -->
  <xsl:function name="tk:divided" as="xs:boolean">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="exists($part/(tei:div | tei:div1)) and
        (every $c in $part/* satisfies ($c/self::tei:div or $c/self::tei:div1
           or local-name($c) = $tk:interstitial or $c/self::tei:figure or $c/self::tei:divGen
           or (tk:is-opening($c) and empty($c/preceding-sibling::*[self::tei:div or self::tei:div1]))
           or (tk:is-closing($c) and empty($c/following-sibling::*[self::tei:div or self::tei:div1]))))"/>
  </xsl:function>
  <!--* What may open a divided part before its divisions, or close it after them. (A figure
        may stand anywhere between them, shown atop the next division's page: DTA's Kant
        opens with a printer's ornament, and was one page of 3.3 MB.) -->
  <xsl:function name="tk:is-opening" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <!-- (a play's setting before its scenes, stage or set: Kleist's "Szene: Die Gerichtsstube."
         kept all thirteen scenes of Der zerbrochne Krug on one page of 400 KB, none of them
         in the contents) -->
    <xsl:sequence select="exists($e[self::tei:head or self::tei:argument or self::tei:epigraph or self::tei:byline
        or self::tei:stage or self::tei:set])"/>
  </xsl:function>
  <xsl:function name="tk:is-closing" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:trailer or self::tei:closer or self::tei:signed or self::tei:postscript])"/>
  </xsl:function>

  <!-- All units in reading order: those of every outermost text (tk:units-of), then each
       diplomatic transcription (sourceDoc), a unit of its own after the text. -->
  <xsl:variable name="tk:units" as="element()*" select="
      $tk:doc//tei:text[not(ancestor::tei:text)] ! (if (tk:short-member(.)) then . else tk:units-of(.)),
      $tk:doc//tei:sourceDoc[not(ancestor::tei:sourceDoc)]"/>

  <!--* Is $text the text of a collection's document, short enough to be one page
        ($member-page-chars)? Counted with its notes: they are listed on its page. -->
  <xsl:function name="tk:short-member" as="xs:boolean">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="exists($text/parent::tei:TEI/parent::tei:teiCorpus)
        and empty($text/(tei:group | tei:text))
        and tk:text-chars($text) le $member-page-chars"/>
  </xsl:function>

  <!-- $member-chars read. -->
  <xsl:variable name="tk:member-chars" as="map(*)" select="if ($member-chars) then parse-json($member-chars) else map{}"/>

  <!--* The characters of a member's text: as given ($member-chars), else counted. -->
  <xsl:function name="tk:text-chars" as="xs:double">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="given" select="$tk:member-chars(string($text/../@xml:base))"/>
    <xsl:sequence select="if (exists($given) and $text is $text/../tei:text[1]) then $given else string-length($text)"/>
  </xsl:function>

  <!--* The units of a text or group. Its parts (front, body, back) give one unit each, or one
        per division when divided; the texts of a group, and texts standing directly in a text
        (letters with an envelope or a translation, as some editions encode them), are units
        of their own (tk:member-units). A text or group holding anything else (divisions,
        paragraphs) besides is one unit, or one per division when divided. -->
  <xsl:function name="tk:units-of" as="element()*">
    <xsl:param name="container" as="element()"/>
    <xsl:variable name="kids" select="$container/*[not(local-name() = $tk:interstitial)]"/>
    <xsl:choose>
      <xsl:when test="exists($kids) and (every $k in $kids satisfies
          ($k/self::tei:front or $k/self::tei:body or $k/self::tei:back or $k/self::tei:group or $k/self::tei:text))">
        <xsl:for-each select="$kids">
          <xsl:sequence select="if (self::tei:group or self::tei:text) then tk:member-units(.)
              else if (tk:divided(.)) then tk:unwrapped(tei:div | tei:div1) else ."/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="tk:divided($container)"><xsl:sequence select="tk:unwrapped($container/(tei:div | tei:div1))"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="$container"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!--* A part's divisions as pages: a part whose one division wraps all the others (Perseus'
        div type="edition" around every book, a headless div around a treatise's chapters)
        is paged by the divisions inside it, and so on down, as long as the wrapper holds
        at least two and nothing but divisions, page furniture and, before them, its
        heading (shown at the top of its first division's page, pages.xsl), and is longer
        than a page is read whole ($member-page-chars: a letter's two writing sessions in
        a wrapping div stay one page): Ovid's three books of poems ("Amores", "Liber
        primus", ...) were one page of 300 KB. So is any division of them, however many,
        longer than four such pages (at least 160,000 characters) and divided the same way:
        DTA's Kant (Critik der reinen Vernunft, 1781) held its Elementarlehre, a million
        characters in two parts and their chapters, on one page of 2.8 MB. -->
  <xsl:function name="tk:unwrapped" as="element()*">
    <xsl:param name="divs" as="element()*"/>
    <xsl:sequence select="if (count($divs) eq 1 and $divs/self::tei:div and count($divs/tei:div) ge 2
        and string-length($divs) gt $member-page-chars and tk:divided($divs))
        then tk:unwrapped($divs/tei:div)
        else for $d in $divs return
          if ($d/self::tei:div and count($d/tei:div) ge 2 and string-length($d) gt max((4 * $member-page-chars, 160000))
              and tk:divided($d)) then tk:unwrapped($d/tei:div) else $d"/>
  </xsl:function>

  <!--* The units of a text that is a member of a group or of another text: the text itself
        (one letter, one sermon: one page), unless it is divided into parts that are divided
        or holds members of its own, when it is taken apart as an outer text is. -->
  <xsl:function name="tk:member-units" as="element()*">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="if ($text/self::tei:group
        or exists($text/(tei:front | tei:body | tei:back)[tk:divided(.)])
        or exists($text/(tei:group | tei:text))) then tk:units-of($text) else $text"/>
  </xsl:function>

  <!-- File names: the one mapping from IDs to file names, shared by HTML and EPUB.
       It is injective (two IDs never share a file, also on case-insensitive file systems)
       and bounded (no name longer than 110 characters):
       - an ID that names a generated page ("index") becomes "div-" + ID ("div-index");
       - a plain ID (ASCII letter or digit, then letters, digits, ".", "_", "-", at most 64
         characters, unique ignoring case, not one of the names below) is used as it is;
       - any other ID becomes "tk-" + its characters, each one outside [a-z0-9.-] written as
         "_" + its code point + "_" (so "a·b" is "tk-a_183_b"); when that passes 80
         characters, "tk_" + its first 64 and two checksums of the whole ID (only two long IDs
         alike in their first characters and in both 32-bit checksums could meet).
       Units without an ID are named part-position ("body-1", "div-3"); plain IDs of that
       shape, "div-" + a reserved name and IDs starting with "tk-" or "tk_" are written the
       third way, so no two of these families meet. docs/html.md and docs/epub.md describe
       the result. -->
  <xsl:variable name="tk:reserved" as="xs:string*"
      select="('index', 'toc', 'search', 'pages', 'persons', 'organizations', 'places', 'events', 'works',
               'edition', 'search-data', 'pages-data', 'assets', 'nav', 'package', 'text',
               'downloads', 'search-index', 'search-docs', 'entities-data', 'letters')"/>
  <xsl:variable name="tk:generated-name" as="xs:string" select="'^(t[0-9]+-)?(front|body|back|group|text|div|div1|sourcedoc)-[0-9]+$'"/>

  <!-- The elements with an xml:id by its lower-case form: which IDs fold to a name. Asked a few
       times per page name, never for every ID; a map of every folded ID, built in every worker
       of a divided build, took a tenth of a worker's time on 1,000 letters of 77,000 IDs. -->
  <xsl:key name="tk:folded-id" match="*[@xml:id]" use="lower-case(@xml:id)"/>

  <!--* Do two distinct xml:ids of the document fold to $low (lower-cased)? -->
  <xsl:function name="tk:folded-clash" as="xs:boolean">
    <xsl:param name="low" as="xs:string"/>
    <xsl:sequence select="if (exists($tk:given-clashes)) then map:contains($tk:given-clashes, $low)
        else count(distinct-values(key('tk:folded-id', $low, $tk:doc)/@xml:id ! string(.))) gt 1"/>
  </xsl:function>

  <!-- $id-clashes read (() when not given). -->
  <xsl:variable name="tk:given-clashes" as="map(xs:string, xs:boolean)?" select="
      if (exists($id-clashes)) then map:merge(tokenize($id-clashes) ! map{.: true()}, map{'duplicates': 'use-first'}) else ()"/>

  <!--* Is $low (lower-cased) the lower-case form of an xml:id of the document? -->
  <xsl:function name="tk:folded-id" as="xs:boolean">
    <xsl:param name="low" as="xs:string"/>
    <xsl:sequence select="exists(key('tk:folded-id', $low, $tk:doc))"/>
  </xsl:function>

  <xsl:function name="tk:is-plain-id" as="xs:boolean">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="low" select="lower-case($id)"/>
    <xsl:sequence select="matches($id, '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
        and not(starts-with($low, 'tk-') or starts-with($low, 'tk_'))
        and not(matches($low, $tk:generated-name))
        and not(map:contains($tk:reserved-names, $low))
        and not(tk:folded-clash($low))"/>
  </xsl:function>
  <!-- The reserved names and "div-" + each (looked up once per ID: built once, not per call). -->
  <xsl:variable name="tk:reserved-names" as="map(xs:string, xs:boolean)" select="map:merge(
      ($tk:reserved, $tk:reserved ! ('div-' || .)) ! map{lower-case(.): true()}, map{'duplicates': 'use-first'})"/>

  <!--* The escaped form of an ID: lower-case letters, digits, "." and "-" kept, "_N_" for the rest. -->
  <xsl:function name="tk:escaped-id" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="body" select="string-join(string-to-codepoints($id) ! (
        if (matches(codepoints-to-string(.), '^[a-z0-9.-]$')) then codepoints-to-string(.) else '_' || . || '_'))"/>
    <xsl:sequence select="if (string-length($body) le 80) then 'tk-' || $body
        else 'tk_' || substring($body, 1, 64) || '-' || tk:checksum($id, 31, 4294967291)
             || '-' || tk:checksum($id, 131, 4294967279)"/>
  </xsl:function>

  <!--* A polynomial checksum of a string's code points (for long IDs only). -->
  <xsl:function name="tk:checksum" as="xs:integer">
    <xsl:param name="s" as="xs:string"/>
    <xsl:param name="base" as="xs:integer"/>
    <xsl:param name="modulus" as="xs:integer"/>
    <xsl:sequence select="fold-left(string-to-codepoints($s), 7, function($h, $c) { ($h * $base + $c) mod $modulus })"/>
  </xsl:function>

  <!--* The file name (without directory or extension) for an ID: see above. -->
  <xsl:function name="tk:file-stem-for-id" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if ($id = $tk:reserved) then 'div-' || $id
        else if (tk:is-plain-id($id)) then $id
        else tk:escaped-id($id)"/>
  </xsl:function>

  <!-- The extension of page files: ".html"; the EPUB's content documents are ".xhtml". -->
  <xsl:variable name="tk:page-ext" as="xs:string" select="'.html'"/>

  <!--* The page file name for an ID. -->
  <xsl:function name="tk:file-for-id" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="tk:file-stem-for-id($id) || $tk:page-ext"/>
  </xsl:function>

  <xsl:variable name="tk:unit-files" as="map(xs:string, xs:string)" select="map:merge(
      for $i in 1 to count($tk:units) return $tk:units[$i] ! map{generate-id(.):
        if ($single-page) then 'edition.html'
        else if (@xml:id and count(key('tk:id', string(@xml:id), $tk:doc)) = 1) then tk:file-for-id(string(@xml:id))
        (: a collection's letter on one page: named by its document's ID, a stable address :)
        else if (ancestor::tei:TEI[parent::tei:teiCorpus]) then tk:member-unit-file(., $i)
        else local-name() || '-' || $i || $tk:page-ext})"/>

  <!--* In a collection, the pages of a document are named after it, so that their addresses
        stay when documents are added or removed (a position among all units would shift):
        a document is known by its xml:id (when no other element has it), else by its file
        name without ".xml" (xml:base, which collection.py records; when no other member's
        file name or any xml:id is the same ignoring case). Its text on one page is that
        name; its other units without an ID are the name + "." + part + its position in the
        document ("gleim-schaefer.div-3"), unless an xml:id or a member already has that name. -->
  <xsl:function name="tk:member-unit-file" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:param name="i" as="xs:integer"/>
    <xsl:variable name="member" select="$unit/ancestor::tei:TEI[parent::tei:teiCorpus][1]"/>
    <xsl:variable name="key" select="$tk:member-keys(generate-id($member))"/>
    <xsl:sequence select="
        if (empty($key)) then local-name($unit) || '-' || $i || $tk:page-ext
        else if ($unit/self::tei:text/parent::tei:TEI) then tk:file-for-id($key)
        else
          let $own := $key || '.' || local-name($unit) || '-' || ($i - $tk:member-first-unit(generate-id($member)) + 1)
          return if (tk:taken-name(lower-case($own))) then local-name($unit) || '-' || $i || $tk:page-ext
                 else tk:file-for-id($own)"/>
  </xsl:function>

  <xsl:variable name="tk:member-stems" as="map(xs:string, xs:integer)" select="map:merge(
      $tk:doc/tei:teiCorpus/tei:TEI/@xml:base ! map{lower-case(tk:base-stem(.)): 1}, map{'duplicates': 'combine'})
      => map:for-each(function($k, $v) { map{$k: sum($v)} }) => map:merge()"/>
  <!--* Is $low (lower-cased) a name a member page may not take: an xml:id or a member's file
        name (lower-cased)? -->
  <xsl:function name="tk:taken-name" as="xs:boolean">
    <xsl:param name="low" as="xs:string"/>
    <xsl:sequence select="map:contains($tk:member-stems, $low) or tk:folded-id($low)"/>
  </xsl:function>
  <xsl:function name="tk:base-stem" as="xs:string">
    <xsl:param name="base" as="attribute()"/>
    <xsl:sequence select="replace(tokenize(string($base), '/')[last()], '\.xml$', '', 'i')"/>
  </xsl:function>
  <!-- A member's name, the first of these that is its own: its xml:id; its file name without
       ".xml" (tk:readable-stem); its path made a name, when it lies in a folder
       ("1891/letter.xml" -> "1891-letter"); its file name with ".xml" ("weimar.xml", when an
       entry of the register is "weimar"); else its whole path (escaped: "tk-_47_1891_47_…",
       no ID holds a "/"), which no other member has. So a member's pages are named by it,
       never by its position among the collection's units. -->
  <xsl:variable name="tk:member-keys" as="map(xs:string, xs:string)" select="map:merge(
      $tk:doc/tei:teiCorpus/tei:TEI ! (
        if (@xml:id and count(key('tk:id', string(@xml:id), $tk:doc)) = 1) then map{generate-id(.): string(@xml:id)}
        else if (@xml:base) then
          let $stem := tk:base-stem(@xml:base),
              $base := string(@xml:base),
              $file := tokenize($base, '/')[last()],
              $path-slug := tk:slug(replace($base, '\.xml$', '', 'i'))
          return map{generate-id(.):
            if ($stem ne '' and $tk:member-stems(lower-case($stem)) = 1
                and not(tk:folded-id(lower-case($stem)))) then tk:readable-stem($stem)
            else if (contains($base, '/') and tk:is-plain-id($path-slug) and $tk:member-path-slugs($path-slug) = 1
                and not(tk:taken-name($path-slug)) and not(map:contains($tk:member-slugs, $path-slug)))
              then $path-slug
            else if (tk:is-plain-id($file) and $tk:member-files(lower-case($file)) = 1
                and not(tk:taken-name(lower-case($file)))) then $file
            else '/' || $base}
        else ()))"/>
  <!-- How many members' paths give each name (tk:slug), and have each file name. -->
  <xsl:variable name="tk:member-path-slugs" as="map(xs:string, xs:integer)" select="map:merge(
      $tk:doc/tei:teiCorpus/tei:TEI/@xml:base ! map{tk:slug(replace(., '\.xml$', '', 'i')): 1}, map{'duplicates': 'combine'})
      => map:for-each(function($k, $v) { map{$k: sum($v)} }) => map:merge()"/>
  <xsl:variable name="tk:member-files" as="map(xs:string, xs:integer)" select="map:merge(
      $tk:doc/tei:teiCorpus/tei:TEI/@xml:base ! map{lower-case(tokenize(., '/')[last()]): 1}, map{'duplicates': 'combine'})
      => map:for-each(function($k, $v) { map{$k: sum($v)} }) => map:merge()"/>

  <!--* A file name written for people ("Blake - The Sick Rose.xml") as a page name they can
        read: "blake-the-sick-rose", rather than its escaped form ("tk-_66_lake_32_-…"). Only
        when that is a plain ID no other member's name, file name or ID takes, ignoring case
        (and with no "." : a document's other pages are "name.div-3"), so that names stay
        unique; else the file name as it is (escaped by tk:file-stem-for-id when needed). -->
  <xsl:function name="tk:readable-stem" as="xs:string">
    <xsl:param name="stem" as="xs:string"/>
    <xsl:variable name="slug" select="tk:slug($stem)"/>
    <xsl:sequence select="if (tk:is-plain-id($stem) or not(tk:is-plain-id($slug)) or $tk:member-slugs($slug) != 1
        or tk:taken-name($slug)) then $stem else $slug"/>
  </xsl:function>
  <xsl:function name="tk:slug" as="xs:string">
    <xsl:param name="stem" as="xs:string"/>
    <xsl:sequence select="replace(replace(lower-case(normalize-unicode($stem, 'NFKD')), '\p{Mn}', ''), '[^a-z0-9]+', '-')
        => replace('^-+|-+$', '')"/>
  </xsl:function>
  <!-- How many members' file names give each slug. -->
  <xsl:variable name="tk:member-slugs" as="map(xs:string, xs:integer)" select="map:merge(
      $tk:doc/tei:teiCorpus/tei:TEI/@xml:base ! map{tk:slug(tk:base-stem(.)): 1}, map{'duplicates': 'combine'})
      => map:for-each(function($k, $v) { map{$k: sum($v)} }) => map:merge()"/>
  <!-- Each member's first position in $tk:units. -->
  <xsl:variable name="tk:member-first-unit" as="map(xs:string, xs:integer)" select="map:merge(
      for $i in 1 to count($tk:units) return $tk:units[$i]/ancestor::tei:TEI[parent::tei:teiCorpus][1]
        ! map{generate-id(.): $i}, map{'duplicates': 'use-first'})"/>

  <!--* Each unit's position in $tk:units, by generate-id (one map for the run: finding a
        position by scanning the units, once per page, grew with the square of a collection). -->
  <xsl:variable name="tk:unit-positions" as="map(xs:string, xs:integer)" select="map:merge(
      for $i in 1 to count($tk:units) return map{generate-id($tk:units[$i]): $i})"/>

  <xsl:function name="tk:unit-position" as="xs:integer?">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="$tk:unit-positions(generate-id($unit))"/>
  </xsl:function>

  <!--* Is $e a unit? -->
  <xsl:function name="tk:is-unit" as="xs:boolean">
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="map:contains($tk:unit-files, generate-id($e))"/>
  </xsl:function>

  <!--* The unit a node belongs to (page furniture between units belongs to the next one). -->
  <xsl:function name="tk:unit-of" as="element()?">
    <xsl:param name="n" as="node()"/>
    <!-- A unit is a part (front, body, back), a group, a text, a sourceDoc or a child of one
         of these: test only those. -->
    <!-- (or of a division wrapping the part's others: tk:unwrapped; a node of the wrapper
         itself belongs to its first unit) -->
    <xsl:sequence select="(
        $n/ancestor-or-self::*[parent::tei:front or parent::tei:body or parent::tei:back or parent::tei:group
          or parent::tei:text or self::tei:front or self::tei:body or self::tei:back or self::tei:group
          or self::tei:text or self::tei:sourceDoc or parent::tei:div][tk:is-unit(.)][1],
        (: what holds units (a text of a group whose parts are units): its first one, not the
           next text's (EVT's Codice Pelavicino: a ref to document 118 led into 119) :)
        $n/descendant::*[tk:is-unit(.)][1],
        $n/following-sibling::*[tk:is-unit(.) or descendant::*[tk:is-unit(.)]][1]
          ! (if (tk:is-unit(.)) then . else descendant::*[tk:is-unit(.)][1]),
        $n/preceding-sibling::*[tk:is-unit(.)][1],
        $n/self::tei:div/descendant::tei:div[tk:is-unit(.)][1],
        $n/ancestor::*[tk:is-opening(.) or self::tei:figure or self::tei:divGen][1]/following-sibling::*[tk:is-unit(.)][1],
        $n/ancestor::*[tk:is-closing(.) or self::tei:figure or self::tei:divGen][1]/preceding-sibling::*[tk:is-unit(.)][1])[1]"/>
  </xsl:function>

  <!--* What is shown at the top of a unit and is not inside it: the heading and what opens
        the part or wrapping division it is the first division of (tk:divided,
        tk:unwrapped), outermost first. Its notes are the unit's too. -->
  <xsl:function name="tk:opening" as="element()*">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="if (not($unit/self::tei:div or $unit/self::tei:div1)) then ()
        else if (exists($unit/preceding-sibling::*[self::tei:div or self::tei:div1])) then tk:shown-before($unit, ())
        else ($unit/parent::tei:div[not(tk:is-unit(.))] ! tk:opening(.), tk:shown-before($unit, ()))"/>
  </xsl:function>
  <!--* The siblings between the division before $e and $e that its page shows atop it
        (tk:is-opening, a figure), in document order; walks back sibling by sibling. -->
  <xsl:function name="tk:shown-before" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="found" as="element()*"/>
    <xsl:variable name="p" select="$e/preceding-sibling::*[1]"/>
    <xsl:sequence select="if (empty($p) or $p/self::tei:div or $p/self::tei:div1) then $found
        else tk:shown-before($p, ($p[tk:is-opening(.) or self::tei:figure or self::tei:divGen], $found))"/>
  </xsl:function>

  <!--* What is shown at the foot of a unit and is not inside it: the page furniture and what
        closes the part or wrapping division it is the last division of (a trailer), innermost
        first. Its notes are the unit's too. -->
  <xsl:function name="tk:closing" as="element()*">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="if (exists($unit/following-sibling::*[self::tei:div or self::tei:div1])
        or not($unit/self::tei:div or $unit/self::tei:div1)) then ()
        else ($unit/following-sibling::*[local-name() = $tk:interstitial or tk:is-closing(.) or self::tei:figure or self::tei:divGen],
              $unit/parent::tei:div[not(tk:is-unit(.))] ! tk:closing(.))"/>
  </xsl:function>

  <!--* What a unit's page shows: the unit, what stands atop it and what closes it (their
        notes are the page's notes too: a part's title with a note, SARIT). -->
  <xsl:function name="tk:shown-with" as="element()*">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="($unit, tk:opening($unit), tk:closing($unit))"/>
  </xsl:function>

  <!--* The file of a unit. -->
  <xsl:function name="tk:unit-file" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="$tk:unit-files(generate-id($unit))"/>
  </xsl:function>

  <!--* The HTML id a unit's wrapper carries (in single-page mode units share a file). -->
  <xsl:function name="tk:unit-anchor" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="string(($unit/@xml:id, 'unit-' || tk:unit-position($unit))[1])"/>
  </xsl:function>

  <!--* The identifier of a pointer: "#ch01 #ch02" -> "ch01"; "" when not local. -->
  <xsl:function name="tk:local-id" as="xs:string">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="first" select="tokenize($pointer)[1]"/>
    <!-- TEI's range() scheme, "#range(start,end)", names the passage from start to end: its
         start is where a link leads (the Office of the Historian's index locators, "196–199",
         were 424 links to nowhere) -->
    <xsl:sequence select="if (starts-with($first, '#range(') and matches($first, '^#range\(\s*[^\s,()]+\s*,\s*[^\s,()]+\s*\)$'))
        then replace($first, '^#range\(\s*([^\s,()]+).*$', '$1')
        else if (starts-with($first, '#')) then substring($first, 2) else ''"/>
  </xsl:function>

  <!--* The element a local pointer names, if any. -->
  <xsl:function name="tk:target" as="element()?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="id" select="tk:local-id($pointer)"/>
    <xsl:sequence select="if ($id) then key('tk:id', $id, $tk:doc)[1] else ()"/>
  </xsl:function>

  <!--* A division's label part ("1.") and title part ("Entering the Party"). -->
  <xsl:function name="tk:div-number" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($div/tei:head[@type = 'label'][1]//text()[not(ancestor::tei:note)], ''))"/>
  </xsl:function>

  <xsl:function name="tk:div-title" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="head" select="$div/tei:head[not(@type = ('label', 'sub'))][1]"/>
    <!-- as a reader sees it (tk:plain): an apparatus in a heading gives its lemma, not every
         reading (PTA: a contents entry of 60 words) -->
    <xsl:sequence select="tk:plain($head)"/>
  </xsl:function>

  <!--* A human label for a unit or division: "1. Entering the Party", "Introduction", "Front matter".
        In a collection, an untitled part of a member document carries the member's title
        first ("Schnitzler an Bölsche, 1890 – Back matter"): a contents of a thousand
        letters listing "WritingSession 1" a thousand times tells a reader nothing. So does a
        titled unit whose title does not name its member: forty plays' acts "I" to "V" tell
        a reader nothing of which play (greekdracor: "Δύσκολος – IV"). -->
  <xsl:function name="tk:label" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="own" select="tk:own-label($div)"/>
    <xsl:variable name="title" select="lower-case(tk:div-title($div))"/>
    <xsl:variable name="member" select="if ($div/self::tei:text
        or empty($div/ancestor::tei:TEI[1]/parent::tei:teiCorpus)) then ''
        else tk:member-title($div)"/>
    <xsl:variable name="member" select="if (not($title)) then $member
        else if (not(tk:is-unit($div)) or contains($title, lower-case($member))) then ''
        else $member"/>
    <xsl:sequence select="
        if (not($member)) then $own
        else if ($div/self::tei:body) then $member
        else $member || ' – ' || $own"/>
  </xsl:function>

  <xsl:function name="tk:own-label" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="num" select="tk:div-number($div)"/>
    <xsl:variable name="title" select="tk:div-title($div)"/>
    <xsl:sequence select="
        if ($num and $title) then $num || ' ' || $title
        else if ($title) then $title
        else if ($num) then $num
        else if ($div/self::tei:text and $div/parent::tei:TEI/parent::tei:teiCorpus and tk:member-title($div))
          then tk:member-title($div)
        else if ($div/self::tei:text) then tk:text-label($div)
        else if ($div/self::tei:front or $div/self::tei:body or $div/self::tei:back or $div/self::tei:group
                 or $div/self::tei:sourceDoc)
          then tk:s(local-name($div))
        else if (lower-case($div/@type) = ('titlepage', 'title-page', 'title_page')) then tk:s('title-page')
        (: the one division of a document's body, headless (a letter's one writing session):
           the document's own title where its header names one (title level='a' or
           type='main'), as a collection labels such a member; its @type ('WritingSession 1')
           tells a reader nothing :)
        else if ($div/self::tei:div and $div/parent::tei:body and count($div/../(tei:div | tei:div1)) eq 1
                 and empty($div/ancestor::tei:TEI[1]/parent::tei:teiCorpus) and empty($div/ancestor::tei:text[2])
                 and $div/ancestor::tei:TEI[1]/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@level = 'a' or @type = 'main'][normalize-space()])
          then tk:member-title($div)
        else if ($div/@type) then upper-case(substring(tk:div-kind($div), 1, 1)) || substring(tk:div-kind($div), 2)
               || tk:div-n($div) ! (' ' || .)
               (: a kind given in several languages (EpiDoc's translation and commentary in English
                  and Italian): each its language, else the contents listed Translation twice :)
               || (if ($div/@xml:lang and exists($div/../*[node-name() = node-name($div)][not(. is $div)]
                       [@type = $div/@type][not(@xml:lang = $div/@xml:lang)][empty(tk:div-n(.)) or tk:div-n(.) = tk:div-n($div)]))
                   then ' (' || $div/@xml:lang || ')' else '')
        else tk:s('section') || tk:div-n($div) ! (' ' || .)"/>
  </xsl:function>

  <!--* What kind of division $div is, for a reader: its @type, or its @subtype where the
        @type only says it is a part of the text (EpiDoc's and CTS's "textpart", whose
        @subtype says "book", "poem", "section"), underscores as spaces. -->
  <xsl:function name="tk:div-kind" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="translate(if ($div/@type = 'textpart' and normalize-space($div/@subtype))
        then normalize-space($div/@subtype) else normalize-space($div/@type), '_', ' ')"/>
  </xsl:function>

  <!--* A division's @n as a reader would cite it, if it is one: not an identifier such as a
        CTS URN ("urn:cts:latinLit:phi0472.phi001.perseus-lat2", Perseus' edition divisions),
        which labelled every page "Edition urn:cts:…". Underscores are spaces ("long_poems",
        Perseus' Catullus: "Book long poems"). -->
  <xsl:function name="tk:div-n" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="normalize-space($div/@n)[.][not(matches(., '^[A-Za-z][A-Za-z0-9+.\-]*:\S*[:/]\S*$'))]
        ! normalize-space(translate(., '_', ' '))"/>
  </xsl:function>

  <!--* The title of the collection member holding $n: its own (level "a" or type "main")
        before the first (which in a letters edition often names the series). -->
  <xsl:function name="tk:member-title" as="xs:string">
    <xsl:param name="n" as="node()"/>
    <xsl:variable name="tei" select="$n/ancestor::tei:TEI[1]"/>
    <xsl:sequence select="if ($tei/parent::tei:teiCorpus) then ($tk:member-titles(generate-id($tei)), '')[1]
        else tk:own-title($tei)"/>
  </xsl:function>

  <!-- A document's own title (titleStmt: the article-level or main title, else the first). -->
  <xsl:function name="tk:own-title" as="xs:string">
    <xsl:param name="tei" as="element()?"/>
    <xsl:variable name="titles" select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:sequence select="normalize-space(($titles[@level = 'a' or @type = 'main'], $titles)[1])"/>
  </xsl:function>

  <!--* A collection's members' titles, found once (they were looked up 77,000 times for 1,000
        letters). Two members with the same title ("Since There's No Help" twice in a poetry
        collection) are told apart in the contents and everywhere else: each gets its author,
        or, where the author does not tell them apart either, its ID or file name. -->
  <xsl:variable name="tk:member-titles" as="map(xs:string, xs:string)" select="
      let $own := $tk:doc/tei:teiCorpus/tei:TEI ! [generate-id(.), tk:own-title(.),
            normalize-space((tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author[normalize-space()])[1]),
            string((@xml:id, @xml:base ! tk:base-stem(.))[1])],
          $titles := map:merge($own[?2] ! map{lower-case(?2): 1}, map{'duplicates': 'combine'}),
          $authored := map:merge($own[?2] ! map{lower-case(?2 || '&#9;' || ?3): 1}, map{'duplicates': 'combine'})
      return map:merge($own ! map{?1:
          if (not(?2) or count($titles(lower-case(?2))) eq 1) then ?2
          else if (?3 and count($authored(lower-case(?2 || '&#9;' || ?3))) eq 1) then ?2 || ' (' || ?3 || ')'
          else if (?4) then ?2 || ' (' || ?4 || ')' else ?2})"/>

  <!--* The label of a text that is a unit: its title page's title, else its first heading,
        else its type and number ("Envelope", "Letter 2"), else (a collection's document) its
        ID or file name, else "Text" and its position. -->
  <xsl:function name="tk:text-label" as="xs:string">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="title" select="normalize-space(string-join(
        (($text//tei:docTitle)[1], ($text/(tei:front | tei:body)/tei:head)[1], ($text//tei:head)[1])[1]
        //text()[not(ancestor::tei:note or ancestor::tei:sic or ancestor::tei:orig or ancestor::tei:abbr)], ''))"/>
    <xsl:sequence select="
        if ($title) then $title
        else if ($text/@type) then upper-case(substring($text/@type, 1, 1)) || substring($text/@type, 2)
               || (if ($text/@n) then ' ' || $text/@n else '')
        (: a collection's document with no title: its ID or file name says more than 'Text 4' :)
        else if ($text/parent::tei:TEI/parent::tei:teiCorpus and not($text/@n))
          then ($text/parent::tei:TEI/@xml:id, $text/parent::tei:TEI/@xml:base ! tk:base-stem(.),
                tk:s('text') || ' ' || (count($text/preceding::tei:text[not(ancestor::tei:teiHeader)]) + 1))[1]
        else tk:s('text') || ' ' || ($text/@n, count($text/preceding::tei:text[not(ancestor::tei:teiHeader)]) + 1)[1]"/>
  </xsl:function>

  <!-- The printed page current at a node: the last pb at or before it. -->
  <xsl:accumulator name="tk:page" as="element(tei:pb)?" initial-value="()">
    <xsl:accumulator-rule match="tei:pb" select="."/>
  </xsl:accumulator>

  <xsl:accumulator name="tk:pb-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:pb" select="$value + 1"/>
  </xsl:accumulator>

  <!--* How a page break is named to a reader: "p. 45", but a manuscript's leaf, numbered with its
        side ("153r", "20v", "12ra": DHARMA's palm leaves, the Patristic Text Archive's codices),
        "f. 153r": "p. 20v" and "printed page" called a leaf of a manuscript a printed page. -->
  <xsl:function name="tk:pb-label" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="tk:s(if (tk:is-leaf($pb)) then 'folio' else 'page') || ' ' || normalize-space($pb/@n)"/>
  </xsl:function>
  <xsl:function name="tk:is-leaf" as="xs:boolean">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="matches(normalize-space($pb/@n), '^[0-9]+[rv][ab]?$')"/>
  </xsl:function>

  <!--* The HTML id of a page break: its xml:id, else "pb" + its position. -->
  <xsl:function name="tk:pb-id" as="xs:string">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:sequence select="string(($pb/@xml:id, 'pb' || ($tk:pb-numbers(generate-id($pb)),
        $pb/accumulator-before('tk:pb-count'))[1])[1])"/>
  </xsl:function>
  <!-- Each page break's position in the edition, from one scan for pb elements: an accumulator
       is worked out for every node of the document at its first use, which each worker of a
       divided build paid in full however few of the pages were its own (the accumulator is
       still asked of a page break outside the edition's tree). -->
  <xsl:variable name="tk:pb-numbers" as="map(xs:string, xs:integer)"
      select="map:merge($tk:doc//tei:pb ! map{generate-id(.): position()})"/>

  <!--* The page a node is on (nothing before the first pb). -->
  <xsl:function name="tk:page-of" as="element(tei:pb)?">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="$n/accumulator-before('tk:page')"/>
  </xsl:function>

  <!--* Text of a node as a reader sees it, whitespace normalized: tk:plain-raw. -->
  <xsl:function name="tk:plain" as="xs:string">
    <xsl:param name="n" as="node()?"/>
    <xsl:sequence select="normalize-space(tk:plain-raw($n))"/>
  </xsl:function>

  <!--* Text of a node as a reader sees it, whitespace as is. The same answer as Python's
        teikit.meaning.reading_text (tests/test_meaning.py compares them on real TEI): the
        reading a choice shows (not the sic, orig or abbr beside it), an apparatus entry's
        lemma, else its first reading (not the other readings, nor a witDetail), no notes,
        no page furniture (fw), a word broken by lb, cb or milestone break="no" whole. What holds the node itself does not matter: a name inside a
        note still has its text. -->
  <xsl:function name="tk:plain-raw" as="xs:string">
    <xsl:param name="n" as="node()?"/>
    <xsl:sequence select="
        if (empty($n/descendant::*[self::tei:sic or self::tei:orig or self::tei:abbr or self::tei:note
            or self::tei:fw or self::tei:rdg or self::tei:rdgGrp or self::tei:witDetail or self::tei:wit
            or (self::tei:lb | self::tei:cb | self::tei:milestone)[@break = 'no']]))
        then string($n)
        else replace(string-join(tk:reading-text($n/node()), ''), '\s*&#xE000;\s*', '')"/>
  </xsl:function>

  <!--* The reading of an apparatus entry that stands in the text: its lem, else its first rdg
        (not those of an app nested in one of its readings). -->
  <xsl:function name="tk:base-reading" as="element()?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="own" select="$app//(tei:lem | tei:rdg)[ancestor::tei:app[1] is $app]"/>
    <xsl:sequence select="($own[self::tei:lem], $own)[1]"/>
  </xsl:function>

  <!--* Is this rdg or rdgGrp a variant, shown apart from the text (it neither is nor holds the
        reading that stands in the text)? -->
  <xsl:function name="tk:is-variant" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="app" select="$e/ancestor::tei:app[1]"/>
    <xsl:variable name="base" select="if ($app) then tk:base-reading($app) else ()"/>
    <xsl:sequence select="exists($base) and not($base is $e) and empty($base/ancestor::* intersect $e)"/>
  </xsl:function>

  <!--* The reading a sic, orig or abbr standing outside a choice is paired with: its corr, reg
        or expan beside it (only white space between), as editions that normalise every word
        write <w><orig>dv</orig><reg>du</reg></w>. The pair is an alternative as a choice is:
        shown both, "dv" and "du" read as one word "dvdu". Empty for a sic, orig or abbr that
        stands alone (the text as written), and for one inside a choice. -->
  <xsl:function name="tk:paired-reading" as="element()?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="partner" select="map{'sic': 'corr', 'orig': 'reg', 'abbr': 'expan'}(local-name($e))"/>
    <xsl:sequence select="if (empty($partner) or $e/parent::tei:choice) then () else
        ($e/preceding-sibling::node()[not(self::text()[not(normalize-space())] or self::comment())][1],
         $e/following-sibling::node()[not(self::text()[not(normalize-space())] or self::comment())][1])
        [self::tei:* and local-name() = $partner][1]"/>
  </xsl:function>

  <!--* The alternative(s) a corr, reg or expan outside a choice stands for (see tk:paired-reading). -->
  <xsl:function name="tk:paired-alternatives" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/parent::tei:choice or not($e/(self::tei:corr | self::tei:reg | self::tei:expan))) then ()
        else ($e/preceding-sibling::*[1], $e/following-sibling::*[1])[tk:paired-reading(.) is $e]"/>
  </xsl:function>

  <!-- The text nodes a reader sees (used only where the fast path above cannot be taken);
       U+E000 marks a line break inside a word, removed with the white space around it. -->
  <xsl:function name="tk:reading-text" as="xs:string*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:for-each select="$nodes">
      <xsl:choose>
        <xsl:when test=". instance of text()"><xsl:sequence select="string(.)"/></xsl:when>
        <xsl:when test="(self::tei:lb | self::tei:cb | self::tei:milestone)[@break = 'no']"><xsl:sequence select="'&#xE000;'"/></xsl:when>
        <xsl:when test="self::tei:note or self::tei:fw"/>
        <xsl:when test="(self::tei:sic or self::tei:orig or self::tei:abbr) and (parent::tei:choice or exists(tk:paired-reading(.)))"/>
        <xsl:when test="(self::tei:rdg or self::tei:rdgGrp) and tk:is-variant(.)"/>
        <xsl:when test="(self::tei:witDetail or self::tei:wit) and (parent::tei:app or parent::tei:rdgGrp)"/>
        <xsl:when test=". instance of element()"><xsl:sequence select="tk:reading-text(node())"/></xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>
</xsl:stylesheet>
