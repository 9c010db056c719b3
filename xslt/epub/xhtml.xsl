<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML layer's output made into EPUB content (included by epub.xsl): mode tk:xhtml.

  The element layer (html/text.xsl) writes HTML elements in no namespace; this pass puts
  them into the XHTML namespace, adds the EPUB structural semantics that reading systems use
  (epub:type and DPUB-ARIA roles on note references, notes, back-links, chapters) and checks
  every link against the ids the book holds ($tk:id-files): a link to a target in another
  file is pointed there (a note marker to its endnote), a link to anything the book does not
  hold (a page of the HTML site, a missing id) keeps its text, unlinked. So the book never
  holds a dead link, which EPUBCheck would report.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tk="urn:teikit:xslt"
  xmlns:epub="http://www.idpf.org/2007/ops"
  exclude-result-prefixes="#all">

  <xsl:variable name="tk:xhtml-ns" as="xs:string" select="'http://www.w3.org/1999/xhtml'"/>

  <!-- Every id of every content file, and the file that holds it (the first, should two):
       from the files, or from the shards' index when it is given (epub.xsl's $phase) -->
  <xsl:variable name="tk:id-facts" as="map(*)*" select="if ($index)
      then $tk:index-files ! map{'name': string(@name), 'ids': *:i ! string(.)} else $tk:files"/>
  <xsl:variable name="tk:file-ids" as="map(xs:string, map(*))" select="map:merge(
      $tk:id-facts ! map{.('name') || '.xhtml': map:merge(.('ids') ! map{.: true()},
                                                          map{'duplicates': 'use-first'})})"/>
  <xsl:variable name="tk:id-files" as="map(xs:string, xs:string)" select="map:merge(
      for $f in $tk:id-facts return $f('ids') ! map{.: $f('name') || '.xhtml'},
      map{'duplicates': 'use-first'})"/>

  <!--* The href a link keeps in $file: itself when the book holds its target, the target's
        file when only the file was wrong (a marker of an endnote), else () (no link). -->
  <xsl:function name="tk:book-href" as="xs:string?">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="file" as="xs:string"/>
    <xsl:variable name="path" select="substring-before($href || '#', '#')"/>
    <xsl:variable name="frag" select="substring-after($href, '#')"/>
    <xsl:variable name="in" select="if ($path) then $path else $file"/>
    <xsl:sequence select="
        if (matches($href, '^(https?|mailto):')) then $href
        else if (not(map:contains($tk:file-ids, $in))) then
          (if ($frag and map:contains($tk:id-files, $frag)) then $tk:id-files($frag) || '#' || $frag else ())
        else if (not($frag)) then $href
        else if (map:contains($tk:file-ids($in), $frag)) then $href
        else if (map:contains($tk:id-files, $frag)) then
          (if ($tk:id-files($frag) = $file) then '#' else $tk:id-files($frag) || '#') || $frag
        else ()"/>
  </xsl:function>

  <!-- HTML elements (no namespace, or already XHTML): into the XHTML namespace. -->
  <xsl:template match="*[namespace-uri() = ('', 'http://www.w3.org/1999/xhtml')]" mode="tk:xhtml">
    <xsl:param name="file" as="xs:string" tunnel="yes"/>
    <xsl:param name="semantics" as="xs:string?" tunnel="yes"/>
    <xsl:variable name="href" select="@href ! tk:book-href(string(.), $file)"/>
    <xsl:variable name="unlinked" select="exists(self::*:a[@href]) and empty($href)"/>
    <xsl:variable name="class" select="tokenize(@class)"/>
    <!-- a unit with structural semantics is a section with the matching DPUB-ARIA role
         (ARIA in HTML allows no doc-* role on article) -->
    <xsl:variable name="unit-role" select="if (empty(parent::*) and self::*:article and exists($semantics))
        then $tk:dpub-roles($semantics) else ()"/>
    <xsl:element name="{if ($unlinked) then 'span' else if (exists($unit-role)) then 'section' else local-name()}"
                 namespace="{$tk:xhtml-ns}">
      <xsl:copy-of select="@* except (@href, @xmlns)[not($unlinked and name() = ('rel', 'role', 'aria-label'))]"/>
      <xsl:if test="exists($href)"><xsl:attribute name="href" select="$href"/></xsl:if>
      <xsl:choose>
        <xsl:when test="empty(parent::*) and exists($semantics) and self::*:article">
          <xsl:attribute name="epub:type" select="$semantics"/>
          <xsl:if test="exists($unit-role)"><xsl:attribute name="role" select="$unit-role"/></xsl:if>
        </xsl:when>
        <xsl:when test="$unlinked"/>
        <xsl:when test="self::*:a and $class = 'noteref'">
          <xsl:attribute name="epub:type" select="'noteref'"/>
          <xsl:attribute name="role" select="'doc-noteref'"/>
        </xsl:when>
        <xsl:when test="self::*:a and $class = 'backlink'">
          <xsl:attribute name="role" select="'doc-backlink'"/>
        </xsl:when>
        <!-- a note needs no semantics of its own: the doc-endnote role (DPUB-ARIA 1.1) and the
             "endnote" epub:type (EPUB 3.3) are deprecated; its endnotes section says it -->
        <xsl:when test="self::*:section and $class = 'notes'">
          <xsl:attribute name="epub:type" select="'endnotes'"/>
          <xsl:attribute name="role" select="'doc-endnotes'"/>
        </xsl:when>
      </xsl:choose>
      <xsl:apply-templates mode="tk:xhtml"/>
    </xsl:element>
  </xsl:template>

  <!-- The DPUB-ARIA role matching each EPUB structural semantic teikit gives a unit
       (a title page has none). -->
  <xsl:variable name="tk:dpub-roles" as="map(xs:string, xs:string)" select="map {
      'chapter': 'doc-chapter', 'introduction': 'doc-introduction', 'preface': 'doc-preface',
      'conclusion': 'doc-conclusion', 'appendix': 'doc-appendix', 'endnotes': 'doc-endnotes',
      'bibliography': 'doc-bibliography', 'index': 'doc-index', 'toc': 'doc-toc',
      'afterword': 'doc-afterword', 'epilogue': 'doc-epilogue', 'prologue': 'doc-prologue',
      'foreword': 'doc-foreword', 'dedication': 'doc-dedication', 'glossary': 'doc-glossary'}"/>

  <!-- MathML (and anything else in its own namespace) as it is. -->
  <xsl:template match="*" mode="tk:xhtml">
    <xsl:copy-of select="." copy-namespaces="no"/>
  </xsl:template>

  <xsl:template match="text()" mode="tk:xhtml">
    <xsl:value-of select="."/>
  </xsl:template>
</xsl:stylesheet>
