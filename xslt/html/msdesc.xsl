<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: the description of a manuscript (teiHeader/fileDesc/sourceDesc/msDesc).

  A manuscript catalogue (the Bodleian's medieval manuscripts) says everything in msDesc
  and leaves the text empty; a transcription describes its manuscript there. Either way the
  reader gets the description on the document's first page, under its title: shelfmark,
  contents (each item with its locus, author, title, incipit, explicit…), physical
  description, history, additional information, each part (msPart) in turn. Open when the
  document has no text of its own, else folded (details). Elements of the description are
  blocks with a label (mode tk:msdesc); names, titles and other phrases inside use the
  element layer (text.xsl). Notes in the description are part of it, not footnotes.

  The header is not text: the word count (preservation.py) does not ask for these words,
  and the section is page furniture for it (tk-generated), so a word of the description
  that is also in the text is no "shown twice".
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <xsl:mode name="tk:msdesc" use-accumulators="#all"/>

  <!-- Labels of the parts of a description (an edition's stylesheet may override this map,
       or give "ms-NAME" in tk:labels). -->
  <xsl:variable name="tk:ms-labels" as="map(xs:string, xs:string)" select="map{
      'msDesc': 'Manuscript description', 'msContents': 'Contents', 'physDesc': 'Physical description',
      'history': 'History', 'additional': 'Additional information', 'msPart': 'Part', 'msFrag': 'Fragment',
      'incipit': 'Incipit', 'explicit': 'Explicit', 'rubric': 'Rubric', 'finalRubric': 'Final rubric',
      'colophon': 'Colophon', 'origin': 'Origin', 'provenance': 'Provenance', 'acquisition': 'Acquisition',
      'support': 'Support', 'extent': 'Extent', 'foliation': 'Foliation', 'collation': 'Collation',
      'condition': 'Condition', 'layoutDesc': 'Layout', 'handDesc': 'Hands', 'decoDesc': 'Decoration',
      'musicNotation': 'Music notation', 'additions': 'Additions', 'bindingDesc': 'Binding',
      'sealDesc': 'Seals', 'accMat': 'Accompanying material', 'textLang': 'Language', 'summary': 'Summary',
      'filiation': 'Filiation', 'listBibl': 'Bibliography', 'surrogates': 'Surrogates',
      'adminInfo': 'Administrative information', 'recordHist': 'Record history',
      'custodialHist': 'Custodial history', 'availability': 'Availability', 'msItem': '',
      'msItemStruct': '', 'objectDesc': '', 'supportDesc': '', 'scriptDesc': 'Script',
      'typeDesc': 'Type', 'decoNote': '', 'handNote': '', 'binding': '', 'seal': '', 'layout': '',
      'source': 'Source', 'note': 'Note', 'p': ''}"/>

  <!-- Elements that become blocks here (those of the labelled template, lists, tables). -->
  <xsl:variable name="tk:ms-blocks" as="xs:string*" select="(map:keys($tk:ms-labels), 'list', 'table',
      'msIdentifier', 'figure')"/>

  <xsl:function name="tk:ms-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string(($tk:labels('ms-' || local-name($e)), $tk:ms-labels(local-name($e)), '')[1])"/>
  </xsl:function>

  <!--* The description(s) of the manuscript a unit's document is a copy of, on its first
        unit: a section (page furniture for the word count). -->
  <xsl:template name="tk:manuscript-description">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="tei" select="$unit/ancestor-or-self::tei:TEI[1]"/>
    <xsl:variable name="descs" select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:msDesc"/>
    <xsl:if test="exists($descs) and (if ($tei/parent::tei:teiCorpus)
        then tk:unit-position($unit) = $tk:member-first-unit(generate-id($tei)) else $unit is $tk:units[1])">
      <xsl:variable name="id" select="tk:unit-anchor($unit) || '-msdesc'"/>
      <details class="ms-desc tk-generated" id="{$id}">
        <!-- open when the description is all there is to read -->
        <xsl:if test="not(normalize-space(string-join($tei/tei:text//text(), '')))">
          <xsl:attribute name="open" select="'open'"/>
        </xsl:if>
        <summary class="ms-desc-heading"><xsl:value-of select="tk:ms-label($descs[1])"/></summary>
        <xsl:apply-templates select="$descs" mode="tk:msdesc"/>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- The shelfmark: place, holder, collection and number on one line, other names after. -->
  <xsl:template match="tei:msIdentifier" mode="tk:msdesc">
    <p class="ms-identifier"><xsl:value-of select="tk:ms-identifier(.)"/></p>
  </xsl:template>
  <!-- a part's identifier is its heading (below) -->
  <xsl:template match="tei:msPart/tei:msIdentifier | tei:msFrag/tei:msIdentifier" mode="tk:msdesc"/>

  <!--* A shelfmark on one line: "Oxford, Bodleian Library, MS. Douce 101 (21675)"; a part
        named only by other names: those names ("MS. Laud Misc. 172 – Part A"). -->
  <xsl:function name="tk:ms-identifier" as="xs:string">
    <xsl:param name="id" as="element(tei:msIdentifier)"/>
    <xsl:variable name="main" select="string-join($id/(tei:country, tei:region, tei:settlement, tei:institution,
        tei:repository, tei:collection, tei:idno) ! normalize-space(.)[.], ', ')"/>
    <xsl:variable name="others" select="$id/(tei:altIdentifier | tei:msName)
        ! string-join(descendant-or-self::*[not(*)] ! normalize-space(.)[.], ', ')[.]"/>
    <xsl:sequence select="if ($main) then string-join(($main, $others ! ('(' || . || ')')), ' ')
        else string-join($others, '; ')"/>
  </xsl:function>

  <!-- A part of the description: a block with its label; its own blocks (p, list) inside. -->
  <xsl:template match="tei:msDesc | tei:msContents | tei:physDesc | tei:history | tei:additional
      | tei:msPart | tei:msFrag | tei:msItem | tei:msItemStruct | tei:objectDesc | tei:supportDesc
      | tei:support | tei:extent | tei:foliation | tei:collation | tei:condition | tei:layoutDesc
      | tei:layout | tei:handDesc | tei:handNote | tei:scriptDesc | tei:typeDesc | tei:decoDesc
      | tei:decoNote | tei:musicNotation | tei:additions | tei:bindingDesc | tei:binding
      | tei:sealDesc | tei:seal | tei:accMat | tei:origin | tei:provenance | tei:acquisition
      | tei:summary | tei:incipit | tei:explicit | tei:rubric | tei:finalRubric | tei:colophon
      | tei:textLang | tei:filiation | tei:listBibl | tei:surrogates | tei:adminInfo | tei:recordHist
      | tei:custodialHist | tei:availability | tei:source | tei:note | tei:p" mode="tk:msdesc">
    <xsl:variable name="label" select="tk:ms-label(.)"/>
    <div class="ms-{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:choose>
        <xsl:when test="self::tei:msDesc"/>
        <xsl:when test="self::tei:msPart or self::tei:msFrag">
          <h3 class="ms-label"><xsl:value-of select="(tei:msIdentifier ! tk:ms-identifier(.)[.], string-join(($label, @n), ' '))[1]"/></h3>
        </xsl:when>
        <xsl:when test="self::tei:msContents or self::tei:physDesc or self::tei:history or self::tei:additional">
          <h3 class="ms-label"><xsl:value-of select="$label"/></h3>
        </xsl:when>
        <xsl:when test="self::tei:msItem[@n]"><span class="ms-label"><xsl:value-of select="@n"/>. </span></xsl:when>
        <xsl:when test="$label != ''"><span class="ms-label"><xsl:value-of select="$label"/>: </span></xsl:when>
      </xsl:choose>
      <xsl:apply-templates mode="tk:msdesc"/>
    </div>
  </xsl:template>

  <!-- Measurements: "8.75 × 6.125 in" (its height, width and depth ran together). -->
  <xsl:template match="tei:dimensions" mode="tk:msdesc">
    <span class="ms-dimensions">
      <xsl:value-of select="string-join((string-join(* ! normalize-space(.)[.], ' × '), @unit), ' ')"/>
      <xsl:if test="@type"> (<xsl:value-of select="@type"/>)</xsl:if>
    </span>
  </xsl:template>
  <!-- A catalogue's bibliography: one entry a line. -->
  <xsl:template match="tei:listBibl/tei:bibl | tei:listBibl/tei:biblStruct" mode="tk:msdesc">
    <div class="ms-bibl"><xsl:apply-templates select="."/></div>
  </xsl:template>

  <!-- Everything else (names, titles, loci, dates, phrases, lists, tables) as in the text;
       its own content in this mode, so a note or a paragraph inside stays a part of the
       description. -->
  <xsl:template match="tei:*" mode="tk:msdesc">
    <xsl:choose>
      <xsl:when test="self::tei:list or self::tei:table or self::tei:bibl or self::tei:ref or self::tei:ptr
                      or self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:name
                      or self::tei:choice or self::tei:lb or self::tei:graphic or self::tei:figure">
        <xsl:apply-templates select="."/>
      </xsl:when>
      <xsl:otherwise>
        <!-- a div when it holds a block (HTML allows no div in a span) -->
        <xsl:element name="{if (descendant::*[local-name() = $tk:ms-blocks]) then 'div' else 'span'}">
          <xsl:attribute name="class" select="'ms-' || local-name()"/>
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
          <xsl:apply-templates mode="tk:msdesc"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="text()" mode="tk:msdesc"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="tk:msdesc"/>
</xsl:stylesheet>
