<?xml version="1.0" encoding="UTF-8"?>
<!--
  Package metadata from the TEI header, beyond what metadata.xsl gives (title, subtitle,
  language): authors as elements, contributors with MARC relator roles, publisher, print
  ISBN, subjects, rights, the edition's date. Written for EPUB's package.opf, usable by
  any output that writes library metadata. Each function degrades to an empty sequence on
  a sparse header, so any TEI P5 document works. The shape read is docs/encoding.md
  "Header". Needs units.xsl (tk:plain) from the common layer.

  Public functions (prefix tk:); private ones are tk:_… .
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit:xslt"
  exclude-result-prefixes="#all">

  <!-- A person as a reader writes them: forenames then surname; else the name as encoded. -->
  <xsl:function name="tk:display-name" as="xs:string">
    <xsl:param name="who" as="element()"/>
    <xsl:variable name="n" select="($who/descendant-or-self::tei:persName, $who)[1]"/>
    <xsl:sequence select="if ($n/tei:surname)
      then normalize-space(string-join(($n/tei:forename ! tk:plain(.), $n/tei:surname ! tk:plain(.)), ' '))
      else tk:plain($n)"/>
  </xsl:function>


  <xsl:function name="tk:title-stmt" as="element()?">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="(root($root)//tei:teiHeader)[1]/tei:fileDesc/tei:titleStmt"/>
  </xsl:function>

  <!-- Authors of the text (titleStmt/author), as elements to name with tk:display-name. -->
  <xsl:function name="tk:author-elements" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="tk:title-stmt($root)/tei:author[normalize-space()]"/>
  </xsl:function>

  <!--
    Contributors: titleStmt editors and respStmts, each as a map
    { 'name': …, 'file-as': …, 'roles': (MARC relator codes) }, one per person or body.
    The role is read from the words of resp (translation → trl, introduction → aui,
    notes/commentary → ann, encoding/markup → mrk, editor → edt; else ctb).
  -->
  <xsl:function name="tk:contributors" as="map(*)*">
    <xsl:param name="root" as="node()"/>
    <xsl:for-each select="tk:title-stmt($root)/(tei:editor | tei:respStmt)">
      <xsl:variable name="resp" select="lower-case(string-join((tei:resp, @role), ' '))"/>
      <xsl:variable name="roles" select="if (self::tei:editor and not(@role)) then 'edt' else tk:_roles($resp)"/>
      <xsl:for-each select="if (self::tei:editor) then . else (tei:persName | tei:orgName | tei:name)">
        <xsl:if test="normalize-space()">
          <xsl:sequence select="map { 'name': tk:display-name(.), 'file-as': tk:person-name(.), 'roles': $roles }"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="tk:_roles" as="xs:string+">
    <xsl:param name="resp" as="xs:string"/>
    <xsl:variable name="found" as="xs:string*">
      <xsl:sequence select="'trl'[contains($resp, 'translat')]"/>
      <xsl:sequence select="'aui'[contains($resp, 'introduc') or contains($resp, 'preface')]"/>
      <xsl:sequence select="'ann'[contains($resp, 'note') or contains($resp, 'comment') or contains($resp, 'annotat')]"/>
      <xsl:sequence select="'mrk'[contains($resp, 'encod') or contains($resp, 'markup')]"/>
      <xsl:sequence select="'edt'[contains($resp, 'edit') and not(contains($resp, 'editorial'))]"/>
    </xsl:variable>
    <xsl:sequence select="if (exists($found)) then $found else 'ctb'"/>
  </xsl:function>

  <xsl:function name="tk:publisher" as="xs:string?">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="((root($root)//tei:teiHeader)[1]/tei:fileDesc/tei:publicationStmt/
      (tei:publisher | tei:distributor | tei:authority)[normalize-space()])[1] ! tk:agent-name(.)"/>
  </xsl:function>

  <!-- The print edition's ISBN (13 before 10), digits only; empty when the source has none. -->
  <xsl:function name="tk:print-isbn" as="xs:string?">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="ids" select="(root($root)//tei:teiHeader)[1]/tei:fileDesc/tei:sourceDesc//tei:idno"/>
    <xsl:sequence select="(($ids[@type = 'ISBN-13'], $ids[@type = 'ISBN-10'], $ids[upper-case(@type) = 'ISBN'])
      ! replace(., '[^0-9Xx]', ''))[string-length(.) = (10, 13)][1]"/>
  </xsl:function>

  <xsl:function name="tk:subjects" as="xs:string*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="distinct-values((root($root)//tei:teiHeader)[1]/tei:profileDesc/tei:textClass/
      tei:keywords/(tei:term | tei:list/tei:item)[normalize-space()] ! tk:plain(.))"/>
  </xsl:function>

  <!-- Rights statements: the text's rights, then the licence (with its URL when given). -->
  <xsl:function name="tk:rights" as="xs:string*">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="av" select="(root($root)//tei:teiHeader)[1]/tei:fileDesc/tei:publicationStmt/tei:availability"/>
    <xsl:sequence select="($av/tei:p[normalize-space()] ! tk:plain(.),
      $av/tei:licence[normalize-space() or @target] ! normalize-space(tk:plain(.) || (@target ! (' ' || .))))"/>
  </xsl:function>

  <!-- The edition's own date (ISO), which stands in for "now" in every output. -->
  <xsl:function name="tk:edition-date" as="xs:string?">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="ps" select="(root($root)//tei:teiHeader)[1]/tei:fileDesc/tei:publicationStmt"/>
    <xsl:sequence select="($ps/tei:date/(@when, @to, @notAfter)[matches(., '^\d{4}(-\d\d){0,2}$')])[1] ! string(.)"/>
  </xsl:function>
</xsl:stylesheet>
