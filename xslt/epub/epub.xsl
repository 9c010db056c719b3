<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI P5 → the files of an EPUB 3 publication (entry stylesheet).

  Writes, with xsl:result-document under the base output URI:
    EPUB/package.opf     package metadata (from the TEI header), manifest, spine
    EPUB/tk-nav.xhtml    navigation: contents, landmarks, page-list (printed pages)
    EPUB/text/*.xhtml    one file per top-level division of front, body and back
                         (a run of non-division elements makes one file too),
                         plus tk-title.xhtml (title page) and tk-register.xhtml
                         (persons, places, organisations of standOff) when there are any
  teikit.build.epub adds mimetype, META-INF/container.xml and the CSS, and zips.

  Parameters (all strings; teikit.build.epub passes them):
    identifier  the package's unique identifier (urn:uuid:… derived from the edition's idno)
    modified    dcterms:modified, CCYY-MM-DDThh:mm:ssZ, from the edition's date (never the clock)
    css         path of the stylesheet inside EPUB/ (default css/epub.css)
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit:xslt"
  xmlns:epub="http://www.idpf.org/2007/ops"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="xs tei tk">

  <!-- The common layer decides what the TEI means (titles, labels, note markers, text as
       read); header-metadata.xsl adds what only a package needs (MARC roles, ISBN, rights). -->
  <xsl:import href="../common/common.xsl"/>
  <xsl:import href="../common/header-metadata.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="package.xsl"/>

  <xsl:param name="identifier" as="xs:string" select="'urn:uuid:00000000-0000-5000-8000-000000000000'"/>
  <xsl:param name="modified" as="xs:string" select="'1970-01-01T00:00:00Z'"/>
  <xsl:param name="css" as="xs:string" select="'css/epub.css'"/>

  <xsl:output method="text"/>
  <!-- The accumulators (generated ids, note numbers) apply to the source document. -->
  <xsl:mode use-accumulators="#all"/>

  <xsl:variable name="tk:root" select="/"/>
  <!-- dc:language must be a well-formed tag; 'und' (undetermined) when the TEI has none. -->
  <xsl:variable name="tk:lang" select="(tk:language()[matches(., '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$')], 'und')[1]"/>
  <xsl:variable name="tk:title" select="(tk:title()[normalize-space()], 'Untitled')[1]"/>
  <!-- every outermost text: one for a TEI document, one per member of a teiCorpus (a collection) -->
  <xsl:variable name="tk:outer-text" select="//tei:text[not(ancestor::tei:text)]"/>

  <!--
    The files of the book, in reading order, each a map:
      name     file name in text/ (without .xhtml)
      members  the TEI elements it renders (one division, or a run of non-division elements)
      label    its entry in the table of contents
      type     the division's @type (for landmarks)
  -->
  <xsl:variable name="tk:chunks" as="map(*)*">
    <!-- front, body, back, the texts of a group, then a diplomatic transcription (sourceDoc) -->
    <xsl:for-each select="$tk:outer-text/(tei:front | tei:body | tei:group | tei:back) | $tk:root//tei:sourceDoc[not(ancestor::tei:sourceDoc)]">
      <xsl:for-each-group select="*" group-adjacent="if (tk:is-chunk-div(.)) then 'd' || generate-id(.) else 'run'">
        <xsl:variable name="first" select="current-group()[1]"/>
        <xsl:sequence select="map {
          'name': tk:chunk-name($first),
          'members': current-group(),
          'label': if (tk:is-chunk-div($first)) then tk:label($first) else tk:label($first/..),
          'type': lower-case(string($first/self::tei:div/@type)),
          'part': local-name(..) }"/>
      </xsl:for-each-group>
    </xsl:for-each>
  </xsl:variable>

  <xsl:variable name="tk:has-register" select="exists($tk:register-entities)"/>

  <xsl:template match="/">
    <xsl:for-each select="$tk:chunks">
      <xsl:variable name="chunk" select="."/>
      <xsl:call-template name="tk:page">
        <xsl:with-param name="name" select="$chunk('name')"/>
        <xsl:with-param name="title" select="$chunk('label')"/>
        <xsl:with-param name="body">
          <xsl:call-template name="tk:flow"><xsl:with-param name="nodes" select="$chunk('members')"/></xsl:call-template>
          <xsl:call-template name="tk:collected-notes"><xsl:with-param name="members" select="$chunk('members')"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:call-template name="tk:page">
      <xsl:with-param name="name" select="'tk-title'"/>
      <xsl:with-param name="title" select="$tk:title"/>
      <xsl:with-param name="body"><xsl:call-template name="tk:title-page"/></xsl:with-param>
    </xsl:call-template>
    <xsl:if test="$tk:has-register">
      <xsl:call-template name="tk:page">
        <xsl:with-param name="name" select="'tk-register'"/>
        <xsl:with-param name="title" select="'Register'"/>
        <xsl:with-param name="body"><xsl:call-template name="tk:register-page"/></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="tk:nav"/>
    <xsl:call-template name="tk:opf"/>
    <xsl:call-template name="tk:report-generic"/>
  </xsl:template>

  <!-- Policy for elements no template names: their text is kept (generic div/span) and the
       build reports each such element name once, as an info diagnostic. -->
  <xsl:template name="tk:report-generic">
    <xsl:for-each-group select="$tk:outer-text/(tei:front | tei:body | tei:back)//*[not(local-name() = $tk:specific)][not(ancestor::tei:biblStruct)]"
                        group-by="name()">
      <xsl:sort select="current-grouping-key()"/>
      <xsl:message select="'info|epub.generic-element|' || count(current-group()) || ' &lt;' || current-grouping-key()
        || '&gt; element(s) have no EPUB template: their text is kept in div/span class=&quot;tei-'
        || local-name() || '&quot;'"/>
    </xsl:for-each-group>
  </xsl:template>

  <!-- One XHTML content document. -->
  <xsl:template name="tk:page">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="body" as="node()*"/>
    <xsl:result-document href="EPUB/text/{$name}.xhtml" method="xhtml" html-version="5" indent="no"
                         encoding="UTF-8" omit-xml-declaration="no">
      <html lang="{$tk:lang}" xml:lang="{$tk:lang}">
        <head>
          <meta charset="utf-8"/>
          <title><xsl:value-of select="($title[normalize-space()], $tk:title)[1]"/></title>
          <link rel="stylesheet" type="text/css" href="../{$css}"/>
        </head>
        <body>
          <xsl:sequence select="$body"/>
        </body>
      </html>
    </xsl:result-document>
  </xsl:template>

  <xsl:template name="tk:title-page">
    <section epub:type="titlepage" class="tk-titlepage">
      <h1 epub:type="title"><xsl:value-of select="$tk:title"/></h1>
      <xsl:for-each select="tk:subtitle()[normalize-space()]">
        <p epub:type="subtitle" class="tk-subtitle"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:for-each select="tk:author-elements(/)">
        <p class="tk-author"><xsl:value-of select="tk:display-name(.)"/></p>
      </xsl:for-each>
      <xsl:for-each select="tk:contributors(/)">
        <p class="tk-contributor">
          <xsl:value-of select="string-join(.('roles') ! tk:role-name(.), ', ') || ': ' || .('name')"/>
        </p>
      </xsl:for-each>
      <xsl:for-each select="tk:publisher(/)">
        <p class="tk-publisher"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:for-each select="tk:rights(/)">
        <p class="tk-rights"><small><xsl:value-of select="."/></small></p>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:function name="tk:role-name" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:sequence select="map { 'trl': 'Translation', 'aui': 'Introduction', 'ann': 'Notes', 'mrk': 'TEI encoding',
                                'edt': 'Editor', 'ctb': 'Contributor' }($code)"/>
  </xsl:function>

  <!-- The register: persons, organisations, places and events (common layer: tk:register,
       filed by surname), the targets of name links. -->
  <xsl:template name="tk:register-page">
    <section epub:type="appendix" class="tk-register">
      <h1><xsl:value-of select="tk:s('register')"/></h1>
      <xsl:for-each select="$tk:register-kinds">
        <xsl:variable name="entities" select="tk:register(.)[. intersect $tk:register-entities]"/>
        <xsl:if test="$entities">
          <section id="tk-register-{.}">
            <h2><xsl:value-of select="tk:s(.)"/></h2>
            <ul>
              <xsl:for-each select="$entities">
                <li>
                  <xsl:call-template name="tk:attrs"/>
                  <xsl:call-template name="tk:register-entry"/>
                </li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:if>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:template name="tk:register-entry">
    <b><xsl:value-of select="tk:entity-name(.)"/></b>
    <xsl:variable name="others" select="tk:other-names(.)[normalize-space()]"/>
    <xsl:if test="$others">
      <xsl:text> (</xsl:text>
      <xsl:value-of select="string-join($others ! (tk:plain(.) || (@type ! (', ' || .))), '; ')"/>
      <xsl:text>)</xsl:text>
    </xsl:if>
    <xsl:for-each select="tei:note[not(@type = 'indexing')] | tei:desc | tei:birth | tei:death | tei:occupation">
      <xsl:text> — </xsl:text>
      <xsl:apply-templates mode="tk:inline"/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
