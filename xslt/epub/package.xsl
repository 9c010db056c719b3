<?xml version="1.0" encoding="UTF-8"?>
<!--
  The navigation document and the package document (included by epub.xsl).

  Navigation: the full contents (every file, and within it every division with a head),
  landmarks, and a page-list with one entry per printed page (pb/@n), so a reader can
  go to "page 45". Package: metadata from the TEI header (header-metadata.xsl) and the
  accessibility metadata of EPUB Accessibility 1.1.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit:xslt"
  xmlns:epub="http://www.idpf.org/2007/ops"
  xmlns:opf="http://www.idpf.org/2007/opf"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="xs tei tk opf epub">

  <!-- Printed pages that are rendered (their marker is in a content file), in reading order,
       except those inside an uncorrected reading (hidden behind its correction). -->
  <xsl:variable name="tk:pages" as="element()*" select="($tk:doc//tei:text | $tk:doc//tei:sourceDoc)
      //tei:pb[normalize-space(@n)][map:contains($tk:id-files, tk:pb-id(.))]
      [not(ancestor::*[(self::tei:sic or self::tei:orig or self::tei:abbr)
          and (parent::tei:choice or exists(tk:paired-reading(.)))])]"/>

  <!--* The media type of a packaged image, from its extension. -->
  <xsl:function name="tk:image-type" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="ext" select="lower-case(replace($url, '^.*\.', ''))"/>
    <xsl:sequence select="map{'jpg': 'image/jpeg', 'jpeg': 'image/jpeg', 'png': 'image/png', 'gif': 'image/gif',
                              'svg': 'image/svg+xml', 'webp': 'image/webp'}($ext)"/>
  </xsl:function>

  <xsl:template name="tk:nav">
    <xsl:result-document href="EPUB/tk-nav.xhtml" method="xhtml" html-version="5" indent="no" encoding="UTF-8">
      <html lang="{$tk:lang}" xml:lang="{$tk:lang}">
        <xsl:if test="tk:direction($tk:lang) = 'rtl'"><xsl:attribute name="dir" select="'rtl'"/></xsl:if>
        <head>
          <meta charset="utf-8"/>
          <title><xsl:value-of select="$tk:title"/></title>
          <link rel="stylesheet" type="text/css" href="{$css}"/>
        </head>
        <body>
          <nav epub:type="toc" id="toc" role="doc-toc">
            <h1><xsl:value-of select="tk:s('contents')"/></h1>
            <ol>
              <xsl:if test="empty($tk:own-title-page)"><li><a href="text/tk-title.xhtml"><xsl:value-of select="tk:s('title-page')"/></a></li></xsl:if>
              <xsl:for-each select="$tk:chunks">
                <li>
                  <a href="text/{.('name')}.xhtml"><xsl:value-of select=".('title')"/></a>
                  <xsl:call-template name="tk:toc-children">
                    <xsl:with-param name="divs" select=".('unit')/*[matches(local-name(), '^div\d?$')]"/>
                    <xsl:with-param name="file" select=".('name') || '.xhtml'"/>
                  </xsl:call-template>
                </li>
              </xsl:for-each>
              <xsl:if test="$tk:has-register">
                <li><a href="text/tk-register.xhtml">Register</a></li>
              </xsl:if>
            </ol>
          </nav>
          <nav epub:type="landmarks" id="landmarks" hidden="hidden">
            <h2><xsl:value-of select="tk:s('landmarks')"/></h2>
            <ol>
              <li><a epub:type="toc" href="{if (exists($tk:own-contents)) then 'text/' || tk:unit-file($tk:own-contents)
                  else 'tk-nav.xhtml#toc'}"><xsl:value-of select="tk:s('contents')"/></a></li>
              <li><a epub:type="cover" href="text/tk-cover.xhtml"><xsl:value-of select="tk:s('cover')"/></a></li>
              <li><a epub:type="titlepage" href="text/{tk:title-page-file()}"><xsl:value-of select="tk:s('title-page')"/></a></li>
              <xsl:for-each select="($tk:chunks[.('part') = 'body'], $tk:chunks[.('part') != 'front'], $tk:chunks)[1]">
                <li><a epub:type="bodymatter" href="text/{.('name')}.xhtml"><xsl:value-of select="tk:s('start')"/></a></li>
              </xsl:for-each>
              <xsl:for-each select="$tk:chunks[.('type') = ('endnotes', 'bibliography', 'index')]">
                <li>
                  <a epub:type="{.('type')}" href="text/{.('name')}.xhtml">
                    <xsl:value-of select=".('title')"/>
                  </a>
                </li>
              </xsl:for-each>
            </ol>
          </nav>
          <xsl:if test="exists($tk:pages)">
            <nav epub:type="page-list" id="page-list" hidden="hidden">
              <h2><xsl:value-of select="tk:s('page-list')"/></h2>
              <ol>
                <xsl:for-each select="$tk:pages">
                  <li><a href="text/{$tk:id-files(tk:pb-id(.))}#{tk:pb-id(.)}"><xsl:value-of select="normalize-space(@n)"/></a></li>
                </xsl:for-each>
              </ol>
            </nav>
          </xsl:if>
        </body>
      </html>
    </xsl:result-document>
  </xsl:template>

  <!-- Divisions with a heading and an anchor in the file, nested as in the TEI (a division
       without an anchor gives its place to its own divisions: the toc stays in reading order). -->
  <xsl:template name="tk:toc-children">
    <xsl:param name="divs" as="element()*"/>
    <xsl:param name="file" as="xs:string"/>
    <xsl:variable name="entries" select="tk:toc-entries($divs, $file)"/>
    <xsl:if test="$entries">
      <ol>
        <xsl:for-each select="$entries">
          <li>
            <a href="text/{$file}#{@xml:id}"><xsl:value-of select="tk:label(.)"/></a>
            <xsl:call-template name="tk:toc-children">
              <xsl:with-param name="divs" select="*[matches(local-name(), '^div\d?$')]"/>
              <xsl:with-param name="file" select="$file"/>
            </xsl:call-template>
          </li>
        </xsl:for-each>
      </ol>
    </xsl:if>
  </xsl:template>

  <!--* The divisions of $divs (or, for one without a heading and anchor, of its divisions) the toc lists. -->
  <xsl:function name="tk:toc-entries" as="element()*">
    <xsl:param name="divs" as="element()*"/>
    <xsl:param name="file" as="xs:string"/>
    <xsl:sequence select="for $d in $divs return
        if ($d/tei:head and map:contains($tk:file-ids($file), string($d/@xml:id))) then $d
        else tk:toc-entries($d/*[matches(local-name(), '^div\d?$')], $file)"/>
  </xsl:function>

  <xsl:template name="tk:opf">
    <xsl:variable name="isbn" select="tk:print-isbn(/)"/>
    <xsl:variable name="date" select="tk:edition-date(/)"/>
    <xsl:result-document href="EPUB/package.opf" method="xml" indent="yes" encoding="UTF-8">
      <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid"
               xml:lang="{$tk:lang}">
        <metadata>
          <dc:identifier id="uid"><xsl:value-of select="$identifier"/></dc:identifier>
          <dc:title id="title"><xsl:value-of select="$tk:title"/></dc:title>
          <meta refines="#title" property="title-type">main</meta>
          <xsl:for-each select="tk:subtitle()[normalize-space()]">
            <dc:title id="subtitle"><xsl:value-of select="."/></dc:title>
            <meta refines="#subtitle" property="title-type">subtitle</meta>
          </xsl:for-each>
          <xsl:for-each select="tk:author-elements(/)">
            <dc:creator id="creator{position()}"><xsl:value-of select="tk:display-name(.)"/></dc:creator>
            <meta refines="#creator{position()}" property="role" scheme="marc:relators">aut</meta>
            <meta refines="#creator{position()}" property="file-as"><xsl:value-of select="tk:person-name(.)"/></meta>
          </xsl:for-each>
          <xsl:for-each select="tk:contributors(/)">
            <xsl:variable name="n" select="position()"/>
            <dc:contributor id="contributor{$n}"><xsl:value-of select=".('name')"/></dc:contributor>
            <xsl:for-each select=".('roles')">
              <meta refines="#contributor{$n}" property="role" scheme="marc:relators"><xsl:value-of select="."/></meta>
            </xsl:for-each>
            <meta refines="#contributor{$n}" property="file-as"><xsl:value-of select=".('file-as')"/></meta>
          </xsl:for-each>
          <dc:language><xsl:value-of select="$tk:lang"/></dc:language>
          <xsl:for-each select="tk:publisher(/)">
            <dc:publisher><xsl:value-of select="."/></dc:publisher>
          </xsl:for-each>
          <xsl:for-each select="$date">
            <dc:date><xsl:value-of select="."/></dc:date>
          </xsl:for-each>
          <xsl:for-each select="$isbn">
            <dc:source id="print-source">urn:isbn:<xsl:value-of select="."/></dc:source>
          </xsl:for-each>
          <xsl:for-each select="tk:subjects(/)">
            <dc:subject><xsl:value-of select="."/></dc:subject>
          </xsl:for-each>
          <xsl:for-each select="tk:rights(/)">
            <dc:rights><xsl:value-of select="."/></dc:rights>
          </xsl:for-each>
          <meta property="dcterms:modified"><xsl:value-of select="$modified"/></meta>
          <!-- Accessibility (EPUB Accessibility 1.1 / schema.org) -->
          <meta property="schema:accessMode">textual</meta>
          <xsl:if test="exists($tk:packaged-images)">
            <meta property="schema:accessMode">visual</meta>
          </xsl:if>
          <meta property="schema:accessModeSufficient">textual</meta>
          <meta property="schema:accessibilityFeature">structuralNavigation</meta>
          <meta property="schema:accessibilityFeature">tableOfContents</meta>
          <meta property="schema:accessibilityFeature">readingOrder</meta>
          <xsl:if test="exists($tk:pages)">
            <meta property="schema:accessibilityFeature">pageNavigation</meta>
            <meta property="schema:accessibilityFeature">pageBreakMarkers</meta>
          </xsl:if>
          <meta property="schema:accessibilityHazard">none</meta>
          <meta property="schema:accessibilitySummary">
            <xsl:value-of select="'Text-only publication generated from TEI XML: semantic headings and sections, '
              || 'a full table of contents, endnotes linked to their markers and back'
              || (if (exists($tk:pages)) then ', and page-break markers with a page list for the printed pages'
                  || ($isbn ! (' of ISBN ' || .)) else '')
              || (if (exists($tk:packaged-images)) then '. Its images carry the figure description of the TEI as alternative text; it contains no audio or video.'
                  else '. It contains no images, audio or video.')"/>
          </meta>
          <meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>
          <meta property="a11y:certifiedBy">teikit (automated self-assessment)</meta>
          <xsl:if test="exists($tk:pages)">
            <meta property="pageBreakSource"><xsl:value-of select="if ($isbn) then 'urn:isbn:' || $isbn else 'none'"/></meta>
          </xsl:if>
        </metadata>
        <manifest>
          <item id="nav" href="tk-nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
          <item id="css" href="{$css}" media-type="text/css"/>
          <item id="cover-image" href="tk-cover.svg" media-type="image/svg+xml" properties="cover-image"/>
          <xsl:for-each select="$tk:files">
            <item id="x-{.('name')}" href="text/{.('name')}.xhtml" media-type="application/xhtml+xml">
              <xsl:if test=".('math') or .('svg')">
                <xsl:attribute name="properties" select="string-join(('mathml'[current()('math')], 'svg'[current()('svg')]), ' ')"/>
              </xsl:if>
            </item>
          </xsl:for-each>
          <xsl:for-each select="$tk:packaged-images">
            <item id="img-{position()}" href="images/{.}" media-type="{tk:image-type(.)}"/>
          </xsl:for-each>
        </manifest>
        <!-- cover, one title page, one contents (the book's printed contents when it has
             one: the navigation document then stays out of the reading order), the text -->
        <xsl:variable name="title-file" select="replace(tk:title-page-file(), '\.xhtml$', '')"/>
        <spine>
          <!-- a book in a language written from right to left turns its pages leftwards -->
          <xsl:if test="tk:direction($tk:lang) = 'rtl'"><xsl:attribute name="page-progression-direction" select="'rtl'"/></xsl:if>
          <itemref idref="x-tk-cover"/>
          <itemref idref="x-{$title-file}"/>
          <xsl:if test="empty($tk:own-contents)"><itemref idref="nav"/></xsl:if>
          <xsl:for-each select="$tk:files[not(.('name') = ('tk-cover', $title-file))]">
            <itemref idref="x-{.('name')}"/>
          </xsl:for-each>
        </spine>
      </package>
    </xsl:result-document>
  </xsl:template>
</xsl:stylesheet>
