<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML reading edition: the entry stylesheet.

  Writes every page as a result document (index.html, toc.html, one file per unit, the
  registers and entity pages, pages.html, search.html and two data scripts); Python
  (teikit.build.html) adds the assets and decides where the files go. An edition
  customizes by importing this file and overriding templates.

  Parameters (all xs:string/xs:boolean, defaulted): $single-page, $labels (units.xsl),
  $citations (metadata.xsl), $downloads (downloads.xsl), $letters (letters.xsl),
  $shard and $shards (shards.xsl), $contents-window (navigation.xsl), $control-characters
  (text.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:xi="http://www.w3.org/2001/XInclude"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="pages.xsl"/>
  <xsl:include href="anchors.xsl"/>
  <xsl:include href="search.xsl"/>
  <xsl:include href="entity-facts.xsl"/>
  <xsl:include href="cite-data.xsl"/>
  <xsl:include href="downloads.xsl"/>
  <xsl:include href="letters.xsl"/>
  <xsl:include href="msdesc.xsl"/>
  <xsl:include href="speech.xsl"/>
  <xsl:include href="dictionary.xsl"/>
  <xsl:include href="navigation.xsl"/>
  <xsl:include href="shards.xsl"/>

  <xsl:mode use-accumulators="#all"/>
  <xsl:mode name="tk:note-entry" use-accumulators="#all"/>
  <xsl:mode name="tk:licence" use-accumulators="#all"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <!-- What is said of the whole edition is said by one shard (each would say it alike, and
         the scan of every element is not repeated in every worker). -->
    <xsl:if test="$shard = 0">
      <xsl:call-template name="tk:report-unhandled"/>
      <xsl:if test="empty($tk:units)">
        <xsl:message select="'warning|html.no-text|the document has no TEI text (front, body or back); only the title page is built'"/>
      </xsl:if>
    </xsl:if>
    <xsl:call-template name="tk:title-page"/>
    <xsl:call-template name="tk:toc"/>
    <xsl:call-template name="tk:unit-pages"/>
    <xsl:call-template name="tk:registers"/>
    <xsl:call-template name="tk:pages-page"/>
    <xsl:call-template name="tk:search-page"/>
    <xsl:call-template name="tk:downloads-page"/>
    <xsl:call-template name="tk:letters-page"/>
    <xsl:call-template name="tk:data-scripts"/>
    <xsl:value-of select="count($tk:units)"/>
  </xsl:template>

  <!-- The policy for unknown elements: kept as div/span with their text; said once per name. -->
  <xsl:template name="tk:report-unhandled">
    <xsl:if test="$tk:has-c1">
      <xsl:message select="'warning|render.control-characters|' || count($tk:c1-texts) || ' text(s) hold C1 control characters (U+0080-U+009F), not allowed in HTML, e.g. U+'
          || tk:hex(string-to-codepoints(replace($tk:c1-texts[1], '[^&#x80;-&#x9F;]', ''))[1])
          || ' near &quot;' || normalize-space(substring($tk:c1-texts[1], 1, 40)) || '&quot;: shown as the Windows-1252 characters they most likely are (U+0086 as †)'"/>
    </xsl:if>
    <!-- xml:lang values the pages could not carry as they are (tk:bcp47): on the document, a
         unit, a foreign phrase. -->
    <xsl:variable name="langs" select="($tk:doc/*/@xml:lang, $tk:units/ancestor-or-self::*/@xml:lang,
        $tk:units//tei:foreign/@xml:lang)"/>
    <xsl:for-each-group select="$langs" group-by="string(.)">
      <xsl:sort select="current-grouping-key()"/>
      <xsl:variable name="html" select="tk:bcp47(current-grouping-key())"/>
      <xsl:if test="$html = '' or count(tokenize($html, '-')) lt count(tokenize(normalize-space(current-grouping-key()), '[-_]'))">
        <!-- in a collection, the member's file too: the message names the folder alone -->
        <xsl:variable name="where" select="(tk:unit-of(..)[tk:is-unit(.)] ! (' in &quot;' || tk:label(.) || '&quot;'), '')[1]
            || string(../ancestor-or-self::tei:TEI[1][parent::tei:teiCorpus]/@xml:base ! (' of ' || .))"/>
        <xsl:message select="'warning|render.language-tag|xml:lang=&quot;' || current-grouping-key() || '&quot; (on '
            || count(current-group()) || ' element(s), the first &lt;' || name(..) || '&gt;' || $where
            || ') is not a language tag of the IANA registry (BCP 47): the pages say '
            || (if ($html = '') then 'lang=&quot;&quot; (an unknown language)' else 'lang=&quot;' || $html || '&quot;')
            || '. Write a registered tag: two letters where ISO 639-1 has them (&quot;es&quot;, not &quot;esp&quot; or &quot;spa&quot;), else ISO 639-3'"/>
      </xsl:if>
    </xsl:for-each-group>
    <!-- an empty g whose character is declared nowhere in the document (EEBO-TCP's
         ref="char:abque", declared in a file of their own) shows the reader nothing (one
         named by its @type, EpiDoc's g type="apostrophe", shows its sign or its type) -->
    <xsl:variable name="undeclared" select="$tk:units//tei:g[not(normalize-space())][empty(tk:glyph-declaration(.))]
        [not(normalize-space(@type))]"/>
    <xsl:if test="exists($undeclared)">
      <xsl:variable name="refs" select="distinct-values($undeclared/@ref ! normalize-space(.)[.])"/>
      <xsl:message select="'warning|render.glyph-undeclared|' || count($undeclared) || ' empty &lt;g&gt; element(s) name no char or glyph of the document''s charDecl'
          || (if (exists($refs)) then ' (' || string-join(subsequence($refs, 1, 5), ', ') || (if (count($refs) gt 5) then ', …' else '') || ')' else '')
          || ': a reader sees nothing where they stand. Declare each character in encodingDesc/charDecl (a char with a mapping) and point at it with ref=&quot;#ID&quot;, or write the character inside the g'"/>
    </xsl:if>
    <!-- an XInclude in a teiHeader is left unread (teikit.xmlio: one in the text refuses the
         file): what it would add to the header is missing -->
    <xsl:variable name="unread" select="$tk:doc//xi:include[ancestor::tei:teiHeader]"/>
    <xsl:if test="exists($unread)">
      <xsl:variable name="hrefs" select="distinct-values($unread/@href ! string(.))"/>
      <xsl:message select="'warning|render.xinclude-unread|' || count($unread) || ' teiHeader part(s) are included from other files with XInclude ('
          || string-join(subsequence($hrefs, 1, 3), ', ') || (if (count($hrefs) gt 3) then ', …' else '')
          || '); teikit never follows XInclude: what they would add to the header is missing from the outputs. Resolve the inclusions first (xmllint --xinclude) to have it'"/>
    </xsl:if>
    <!-- a note of the standOff (in a listAnnotation, or an annotation's body) shows where its
         marker is: one that points at no anchor, ref or ptr of the text has none, and is
         shown nowhere (the standOff is not the text: the count of words does not ask for it) -->
    <xsl:variable name="unplaced" select="$tk:doc//tei:standOff//tei:note[not(ancestor::tei:note)]
        [not(ancestor::*[local-name() = ('listPerson', 'listPlace', 'listOrg', 'listEvent', 'listBibl', 'person',
            'place', 'org', 'event', 'bibl', 'biblStruct', 'personGrp')])][empty(tk:markers(.))]"/>
    <xsl:if test="exists($unplaced)">
      <xsl:message select="'warning|render.note-unplaced|' || count($unplaced) || ' note(s) of the standOff point at no anchor, ref or ptr of the text (the first, &quot;'
          || substring(normalize-space($unplaced[1]), 1, 40) || '&quot;, at ' || (string(tk:note-target($unplaced[1])), 'nothing')[.][1]
          || ') and are shown nowhere. Point each at an anchor placed in its passage (&lt;anchor xml:id=&quot;…&quot;/&gt;, target=&quot;#…&quot;)'"/>
    </xsl:if>
    <!-- an SVG drawing in the text that could run or load anything: its words alone are shown -->
    <xsl:for-each select="$tk:units//svg:svg[not(ancestor::svg:svg)]">
      <xsl:variable name="danger" select="tk:svg-danger(.)"/>
      <xsl:if test="$danger != ''">
        <xsl:message select="'warning|render.image-unsafe|an SVG drawing in the text (&lt;svg&gt;'
            || (tk:unit-of(.) ! (' in &quot;' || tk:label(.) || '&quot;')) || ') holds ' || $danger
            || ', which would run or load in the page; only its words are shown'"/>
      </xsl:if>
    </xsl:for-each>
    <!-- an element no template names: a TEI element not handled, or one of another namespace
         (CBETA's cb:div has a TEI element's name, but no TEI template renders it); not what
         is shown as it is (an example's markup, MathML) nor the description a gap or graphic
         shows itself (EEBO-TCP's gap/desc "•…"), nor that of an event in speech, which is its
         text (incident/desc "passing truck") -->
    <xsl:for-each select="distinct-values($tk:units//*[not(map:contains($tk:handled-set, local-name()))
        or namespace-uri() != 'http://www.tei-c.org/ns/1.0']
        [not(self::tei:desc[parent::tei:gap or parent::tei:graphic or parent::tei:pause or parent::tei:vocal
            or parent::tei:kinesic or parent::tei:incident or parent::tei:writing or parent::tei:shift])]
        [not(ancestor-or-self::*[local-name() = ('egXML', 'math')][namespace-uri() = ('http://www.tei-c.org/ns/Examples',
            'http://www.w3.org/1998/Math/MathML')])]
        [not(ancestor-or-self::svg:svg)]
        [not(self::tei:desc[parent::tei:notatedMusic])] ! name())">
      <xsl:sort select="."/>
      <xsl:message select="'info|render.unhandled-element|no specific rendering for &lt;' || . || '&gt;: its content is kept in a div/span with class tei-' || replace(., '^.*:', '')"/>
    </xsl:for-each>
  </xsl:template>

  <!--* A code point in hexadecimal, four digits ("0086"). -->
  <xsl:function name="tk:hex" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="string-join(for $i in (3, 2, 1, 0) return
        substring('0123456789ABCDEF', ($n idiv xs:integer(math:pow(16, $i))) mod 16 + 1, 1), '')"
        xmlns:math="http://www.w3.org/2005/xpath-functions/math"/>
  </xsl:function>
</xsl:stylesheet>
